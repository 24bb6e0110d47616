package io.liveloop.fulfillment.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/** What fulfillment reads of {@code liveloop.order.cancelled} and {@code liveloop.order.refunded}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderClosed(UUID orderId, String reason) {
}
