package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.repository.ShipmentRepository;
import io.liveloop.fulfillment.rest.dto.ShipmentDtos.ShipmentResponse;
import io.liveloop.fulfillment.service.ShipmentService;
import io.liveloop.fulfillment.service.ShopAccess;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Shipments with their tracking timeline, for the order's buyer, the shop's owner and admins; anyone else gets a
 * 404 (or an empty list), never a hint that a shipment exists.
 */
@Path("/api/fulfillment/shipments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shipments")
@Authenticated
public class ShipmentResource {

    private final ShipmentService shipments;
    private final ShopAccess access;
    private final CurrentUser user;

    public ShipmentResource(ShipmentService shipments, ShopAccess access, CurrentUser user) {
        this.shipments = shipments;
        this.access = access;
        this.user = user;
    }

    @GET
    @Operation(summary = "Shipments: of an order (?orderId=), of a shop (?shopId=, its owner), overdue ones (?overdue=true); "
            + "a buyer without filters sees their own")
    public Page<ShipmentResponse> list(@QueryParam("orderId") UUID orderId, @QueryParam("shopId") UUID shopId,
                                       @QueryParam("overdue") boolean overdue, @QueryParam("limit") Integer limit,
                                       @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (orderId != null) {
            Page<ShipmentResponse> found = shipments.list(new ShipmentRepository.Filter(orderId, shopId, null, overdue),
                    page, ShipmentResponse::from);
            return new Page<>(found.items().stream().filter(this::canSee).toList(), null);
        }
        if (user.isAdmin()) {
            return shipments.list(new ShipmentRepository.Filter(null, shopId, null, overdue), page, ShipmentResponse::from);
        }
        if (user.is(CurrentUser.SELLER)) {
            if (shopId == null) {
                throw ProblemException.badRequest("shop-required", "Shop required",
                        "a seller lists the shipments of one of their shops: add ?shopId=");
            }
            access.requireOwnerOrAdmin(shopId);
            return shipments.list(new ShipmentRepository.Filter(null, shopId, null, overdue), page, ShipmentResponse::from);
        }
        if (overdue || shopId != null) {
            throw ProblemException.forbidden("only a shop's owner and admins see a shop's or overdue shipments");
        }
        return shipments.list(new ShipmentRepository.Filter(null, null, user.id(), false), page, ShipmentResponse::from);
    }

    @GET
    @Path("/{shipmentId}")
    @Operation(summary = "A shipment with its tracking timeline (the buyer, the shop's owner, admins)")
    public ShipmentResponse get(@PathParam("shipmentId") UUID shipmentId) {
        ShipmentResponse shipment = shipments.shipment(shipmentId, ShipmentResponse::from);
        if (!canSee(shipment)) {
            throw ProblemException.notFound("shipment", shipmentId);
        }
        return shipment;
    }

    private boolean canSee(ShipmentResponse shipment) {
        return user.isAdmin() || shipment.buyerId().equals(user.id()) || access.callerOwns(shipment.shopId());
    }

}
