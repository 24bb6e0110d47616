package io.liveloop.tools.partner;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A webhook from LiveLoop that the simulator accepted: its signature verified with the partner secret.
 *
 * @param webhookId the {@code webhook-id} header (the same across LiveLoop's retries of one message)
 * @param type      {@code shipment.requested} or {@code shipment.cancelled}
 * @param body      the exact bytes received, as text
 * @param json      the body parsed
 */
public record ReceivedWebhook(String webhookId, String type, Instant receivedAt, String body, JsonNode json) {

    public String shipmentId() {
        return data("shipmentId");
    }

    public String orderId() {
        return data("orderId");
    }

    /** A text field of {@code data}, or null. */
    public String data(String field) {
        JsonNode value = json.path("data").path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
