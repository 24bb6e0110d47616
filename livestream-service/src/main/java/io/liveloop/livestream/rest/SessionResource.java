package io.liveloop.livestream.rest;

import io.liveloop.livestream.domain.SessionStatus;
import io.liveloop.livestream.rest.dto.SessionDtos.ChangePinRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.ClickRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.ExplainRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.ExplainingResponse;
import io.liveloop.livestream.rest.dto.SessionDtos.PinRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.PinView;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionResponse;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionView;
import io.liveloop.livestream.rest.dto.SessionDtos.StatsResponse;
import io.liveloop.livestream.service.BagService;
import io.liveloop.livestream.service.SessionService;
import io.liveloop.livestream.service.SessionViews;
import io.liveloop.livestream.service.StatsService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/live/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
@Authenticated
public class SessionResource {

    private static final String PROBLEM = "application/problem+json";

    private final SessionService sessions;
    private final BagService bag;
    private final SessionViews views;
    private final StatsService stats;
    private final CurrentUser user;

    public SessionResource(SessionService sessions, BagService bag, SessionViews views, StatsService stats, CurrentUser user) {
        this.sessions = sessions;
        this.bag = bag;
        this.views = views;
        this.stats = stats;
        this.user = user;
    }

    @GET
    @Operation(summary = "Sessions by status for discovery (default LIVE; live ones by latest start)")
    public Page<SessionResponse> byStatus(@QueryParam("status") @DefaultValue("LIVE") String status,
                                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(sessions.byStatus(status(status), page), SessionResponse::from);
    }

    private static SessionStatus status(String status) {
        try {
            return SessionStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-status", "Invalid status",
                    "status must be one of " + java.util.Arrays.toString(SessionStatus.values()) + ", was '" + status + "'");
        }
    }

    @GET
    @Path("/{sessionId}")
    @Operation(summary = "The live room screen in one call: session, room, viewers, the bag with offers and stock, what is explained")
    public SessionView session(@PathParam("sessionId") UUID sessionId) {
        return views.view(sessionId);
    }

    @POST
    @Path("/{sessionId}/start")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Go live (the host); one live session per room")
    @APIResponse(responseCode = "409", description = "illegal-transition (names the current state), or room-already-live",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public SessionResponse start(@PathParam("sessionId") UUID sessionId) {
        return SessionResponse.from(sessions.start(sessionId, user));
    }

    @POST
    @Path("/{sessionId}/end")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "End the live session (the host)")
    @APIResponse(responseCode = "409", description = "illegal-transition (names the current state)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public SessionResponse end(@PathParam("sessionId") UUID sessionId) {
        return SessionResponse.from(sessions.end(sessionId, user));
    }

    @POST
    @Path("/{sessionId}/pins")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Pin a product with live offers (the host); catalog confirms it may be pinned")
    @APIResponse(responseCode = "201", description = "Pinned")
    @APIResponse(responseCode = "409", description = "illegal-transition (session ended), already-pinned, bag-full",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "product-not-pinnable (reason), invalid-offer, outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "catalog-unavailable: nothing was pinned",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response pin(@PathParam("sessionId") UUID sessionId, @Valid @NotNull PinRequest request) {
        return Response.status(201).entity(bag.pin(sessionId, user, request)).build();
    }

    @PATCH
    @Path("/{sessionId}/pins/{productId}")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Change a pin's position, note or offers (the host)")
    @APIResponse(responseCode = "422", description = "invalid-offer, invalid-position, outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public PinView changePin(@PathParam("sessionId") UUID sessionId, @PathParam("productId") UUID productId,
                             @Valid @NotNull ChangePinRequest request) {
        return bag.change(sessionId, productId, user, request);
    }

    @DELETE
    @Path("/{sessionId}/pins/{productId}")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Unpin a product (the host)")
    @APIResponse(responseCode = "204", description = "Unpinned")
    public void unpin(@PathParam("sessionId") UUID sessionId, @PathParam("productId") UUID productId) {
        bag.unpin(sessionId, productId, user);
    }

    @PUT
    @Path("/{sessionId}/explaining")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Mark the pinned product the host is talking about now")
    @APIResponse(responseCode = "422", description = "not-pinned",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ExplainingResponse explain(@PathParam("sessionId") UUID sessionId, @Valid @NotNull ExplainRequest request) {
        return bag.explain(sessionId, request.productId(), user);
    }

    @DELETE
    @Path("/{sessionId}/explaining")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Stop explaining a product")
    @APIResponse(responseCode = "204", description = "Cleared")
    public void stopExplaining(@PathParam("sessionId") UUID sessionId) {
        bag.stopExplaining(sessionId, user);
    }

    @POST
    @Path("/{sessionId}/clicks")
    @Operation(summary = "A viewer tapped a product card (the funnel's middle step)")
    @APIResponse(responseCode = "202", description = "Counted")
    @APIResponse(responseCode = "422", description = "not-pinned",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response click(@PathParam("sessionId") UUID sessionId, @Valid @NotNull ClickRequest request) {
        stats.click(sessionId, request.productId());
        return Response.accepted().build();
    }

    @GET
    @Path("/{sessionId}/stats")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Live stats of the session (the host, admins)")
    public StatsResponse stats(@PathParam("sessionId") UUID sessionId) {
        return stats.stats(sessionId, user);
    }
}
