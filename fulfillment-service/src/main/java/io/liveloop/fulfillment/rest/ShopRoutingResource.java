package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.rest.dto.PartnerDtos.RouteShopRequest;
import io.liveloop.fulfillment.rest.dto.PartnerDtos.ShopPartnerResponse;
import io.liveloop.fulfillment.rest.dto.ShipmentDtos.PerformanceResponse;
import io.liveloop.fulfillment.service.PartnerService;
import io.liveloop.fulfillment.service.ShipmentService;
import io.liveloop.fulfillment.service.ShopAccess;
import io.liveloop.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

@Path("/api/fulfillment/shops/{shopId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shops")
@RolesAllowed({CurrentUser.SELLER, CurrentUser.ADMIN})
public class ShopRoutingResource {

    private final PartnerService partners;
    private final ShipmentService shipments;
    private final ShopAccess access;
    private final CurrentUser user;
    private final PerformanceWindow window;

    public ShopRoutingResource(PartnerService partners, ShipmentService shipments, ShopAccess access, CurrentUser user,
                               PerformanceWindow window) {
        this.partners = partners;
        this.shipments = shipments;
        this.access = access;
        this.user = user;
        this.window = window;
    }

    @PUT
    @Path("/partner")
    @Operation(summary = "Pick the logistics partner for the shop's parcels (shop owner or admin)")
    public ShopPartnerResponse route(@PathParam("shopId") UUID shopId, @Valid @NotNull RouteShopRequest request) {
        access.requireOwnerOrAdmin(shopId);
        return ShopPartnerResponse.from(partners.route(shopId, request.partnerId(), user.id()));
    }

    @GET
    @Path("/performance")
    @Operation(summary = "Pickup and delivery figures of the shop's shipments (shop owner or admin)")
    public PerformanceResponse performance(@PathParam("shopId") UUID shopId, @QueryParam("since") String since) {
        Instant from = window.since(since);
        if (!user.isAdmin()) {
            access.requireOwnerOrAdmin(shopId);
        }
        return PerformanceResponse.from(from, shipments.performance("shop_id", shopId, from));
    }
}
