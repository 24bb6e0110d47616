package io.liveloop.livestream.rest;

import io.liveloop.livestream.rest.dto.RoomDtos.CreateRoomRequest;
import io.liveloop.livestream.rest.dto.RoomDtos.RoomResponse;
import io.liveloop.livestream.rest.dto.SessionDtos.CreateSessionRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionResponse;
import io.liveloop.livestream.service.RoomService;
import io.liveloop.livestream.service.SessionService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/live/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
@Authenticated
public class RoomResource {

    private static final String PROBLEM = "application/problem+json";

    private final RoomService rooms;
    private final SessionService sessions;
    private final CurrentUser user;

    public RoomResource(RoomService rooms, SessionService sessions, CurrentUser user) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.user = user;
    }

    @POST
    @RolesAllowed(CurrentUser.HOST)
    @Operation(summary = "Open a live room (host)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "422", description = "outbound-link: the title carries a link to another store, or the cover is off the media host",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response open(@Valid @NotNull CreateRoomRequest request, UriInfo uriInfo) {
        RoomResponse room = RoomResponse.from(rooms.open(user.id(), request.title(), request.coverImageUrl()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(room.id().toString()).build()).entity(room).build();
    }

    @GET
    @Operation(summary = "A host's rooms, newest first (hostId defaults to the caller)")
    public Page<RoomResponse> byHost(@QueryParam("hostId") UUID hostId, @QueryParam("limit") Integer limit,
                                     @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(rooms.byHost(hostId == null ? user.id() : hostId, page), RoomResponse::from);
    }

    @GET
    @Path("/{roomId}")
    @Operation(summary = "A room (anyone signed in)")
    public RoomResponse room(@PathParam("roomId") UUID roomId) {
        return RoomResponse.from(rooms.room(roomId));
    }

    @POST
    @Path("/{roomId}/sessions")
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Schedule a session in the room (the room's host, or an admin)")
    @APIResponse(responseCode = "201", description = "Created, SCHEDULED")
    @APIResponse(responseCode = "403", description = "forbidden: not the room's host",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response schedule(@PathParam("roomId") UUID roomId, @Valid @NotNull CreateSessionRequest request, UriInfo uriInfo) {
        SessionResponse session = SessionResponse.from(sessions.schedule(roomId, user, request.title(), request.scheduledStartAt()));
        return Response.created(uriInfo.getBaseUriBuilder().path("/api/live/sessions/" + session.id()).build())
                .entity(session).build();
    }

    @GET
    @Path("/{roomId}/sessions")
    @Operation(summary = "The room's sessions, newest first")
    public Page<SessionResponse> sessions(@PathParam("roomId") UUID roomId, @QueryParam("limit") Integer limit,
                                          @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(sessions.byRoom(roomId, page), SessionResponse::from);
    }
}
