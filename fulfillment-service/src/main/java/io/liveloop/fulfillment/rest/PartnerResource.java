package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.rest.dto.PartnerDtos.CreatePartnerRequest;
import io.liveloop.fulfillment.rest.dto.PartnerDtos.CreatedPartnerResponse;
import io.liveloop.fulfillment.rest.dto.PartnerDtos.PartnerResponse;
import io.liveloop.fulfillment.rest.dto.PartnerDtos.RotatedSecretResponse;
import io.liveloop.fulfillment.rest.dto.PartnerDtos.UpdatePartnerRequest;
import io.liveloop.fulfillment.rest.dto.ShipmentDtos.PerformanceResponse;
import io.liveloop.fulfillment.service.PartnerService;
import io.liveloop.fulfillment.service.ShipmentService;
import io.liveloop.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/fulfillment/partners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Logistics partners")
@RolesAllowed(CurrentUser.ADMIN)
public class PartnerResource {

    private final PartnerService partners;
    private final ShipmentService shipments;
    private final PerformanceWindow window;

    public PartnerResource(PartnerService partners, ShipmentService shipments, PerformanceWindow window) {
        this.partners = partners;
        this.shipments = shipments;
        this.window = window;
    }

    @POST
    @Operation(summary = "Register a logistics partner (admin); the signing secret is shown in this answer only")
    public Response create(@Valid @NotNull CreatePartnerRequest request, UriInfo uriInfo) {
        PartnerService.Created created = partners.create(request.name(), request.webhookUrl(),
                Boolean.TRUE.equals(request.isDefault()));
        CreatedPartnerResponse body = CreatedPartnerResponse.from(created.partner(), created.signingSecret());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(body.id().toString()).build()).entity(body).build();
    }

    @GET
    @Operation(summary = "All partners (admin)")
    public List<PartnerResponse> all() {
        return partners.all().stream().map(PartnerResponse::from).toList();
    }

    @GET
    @Path("/{partnerId}")
    @Operation(summary = "A partner (admin); never its secret")
    public PartnerResponse get(@PathParam("partnerId") UUID partnerId) {
        return PartnerResponse.from(partners.partner(partnerId));
    }

    @PATCH
    @Path("/{partnerId}")
    @Operation(summary = "Change a partner's webhook URL, default flag or enabled flag (admin)")
    public PartnerResponse update(@PathParam("partnerId") UUID partnerId, @Valid @NotNull UpdatePartnerRequest request) {
        return PartnerResponse.from(partners.update(partnerId, request.webhookUrl(), request.isDefault(), request.enabled()));
    }

    @POST
    @Path("/{partnerId}/rotate-secret")
    @Operation(summary = "Issue a new signing secret (admin); the old one stays valid for 24 h")
    public RotatedSecretResponse rotateSecret(@PathParam("partnerId") UUID partnerId) {
        PartnerService.Rotated rotated = partners.rotateSecret(partnerId);
        return new RotatedSecretResponse(partnerId, rotated.signingSecret(), rotated.previousSecretExpiresAt());
    }

    @GET
    @Path("/{partnerId}/performance")
    @Operation(summary = "Pickup and delivery figures of a partner's shipments (admin)")
    public PerformanceResponse performance(@PathParam("partnerId") UUID partnerId, @QueryParam("since") String since) {
        partners.partner(partnerId);
        Instant from = window.since(since);
        return PerformanceResponse.from(from, shipments.performance("partner_id", partnerId, from));
    }
}
