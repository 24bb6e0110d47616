package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.domain.DeliveryStatus;
import io.liveloop.fulfillment.rest.dto.ShipmentDtos.DeliveryResponse;
import io.liveloop.fulfillment.service.DeliveryService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Path("/api/fulfillment/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outbound webhooks")
@RolesAllowed(CurrentUser.ADMIN)
public class DeliveryResource {

    private final DeliveryService deliveries;

    public DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "Webhook deliveries to partners with every attempt (admin), newest first")
    public Page<DeliveryResponse> list(@QueryParam("partnerId") UUID partnerId, @QueryParam("status") String status,
                                       @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return deliveries.list(partnerId, status(status), PageRequest.of(limit, cursor), DeliveryResponse::from);
    }

    @POST
    @Path("/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again now (admin)")
    public Response redeliver(@PathParam("deliveryId") UUID deliveryId) {
        deliveries.redeliver(deliveryId);
        return Response.accepted(Map.of("deliveryId", deliveryId, "status", "PENDING")).build();
    }

    private static DeliveryStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String message = "must be one of " + Arrays.toString(DeliveryStatus.values());
            throw new ProblemException(400, "validation-failed", "Request is not valid", "status: " + message,
                    List.of(new Problem.FieldError("status", message)), Map.of());
        }
    }
}
