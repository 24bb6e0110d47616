package io.liveloop.fulfillment.service;

import java.util.UUID;

/**
 * A webhook delivery became due now (queued, or put back by a redelivery). Fired inside the transaction that
 * stores it; the sender observes it after that transaction commits, so it never looks before the row is there.
 */
public record DeliveryQueued(UUID deliveryId) {
}
