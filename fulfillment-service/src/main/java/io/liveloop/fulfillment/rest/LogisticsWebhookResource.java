package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.service.TrackingService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.Map;

/**
 * Tracking from partners, signed the Standard Webhooks way with the partner's secret. No bearer token: the
 * signature is the authentication.
 */
@Path("/webhooks/logistics")
@Tag(name = "Inbound webhooks")
@PermitAll
public class LogisticsWebhookResource {

    public record Received(boolean accepted, boolean replay) {
    }

    private final TrackingService tracking;

    public LogisticsWebhookResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @POST
    @Path("/{partnerId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A partner's tracking report (picked_up, in_transit, out_for_delivery, delivered, exception)")
    public Received receive(@PathParam("partnerId") String partnerId, HttpHeaders headers, byte[] body) {
        Map<String, String> values = new HashMap<>();
        headers.getRequestHeaders().forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        TrackingService.Outcome outcome = tracking.receive(partnerId, values, body == null ? new byte[0] : body);
        return new Received(true, outcome == TrackingService.Outcome.REPLAY);
    }
}
