package io.liveloop.order.rest;

import io.liveloop.order.rest.dto.PaymentDtos.NotificationReceipt;
import io.liveloop.order.service.PaymentService;
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
 * Payment providers' notifications, signed the Standard Webhooks way. No user token: the signature is the
 * authentication. The body is taken as raw bytes, because the signature covers exactly those.
 */
@Path("/webhooks/payments")
@Tag(name = "Webhooks")
@PermitAll
public class PaymentWebhookResource {

    private final PaymentService payments;

    public PaymentWebhookResource(PaymentService payments) {
        this.payments = payments;
    }

    @POST
    @Path("/{provider}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A provider's signed payment notification: payment.succeeded or payment.failed")
    public NotificationReceipt notify(@PathParam("provider") String provider, HttpHeaders httpHeaders, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        httpHeaders.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        PaymentService.Outcome outcome = payments.handleNotification(provider, headers, body == null ? new byte[0] : body);
        return new NotificationReceipt(outcome.name().toLowerCase());
    }
}
