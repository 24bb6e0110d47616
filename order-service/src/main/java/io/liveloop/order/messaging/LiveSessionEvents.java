package io.liveloop.order.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The parts of live.sessions.v1 (livestream-service, key and subject = sessionId) that order-service reads.
 * Other fields are ignored, so livestream may add to them.
 */
final class LiveSessionEvents {

    private LiveSessionEvents() {
    }

    /** liveloop.session.started */
    record SessionStarted(UUID sessionId, UUID roomId, UUID hostId, Instant startedAt) {
    }

    /** liveloop.session.ended */
    record SessionEnded(UUID sessionId, UUID roomId, UUID hostId, Instant endedAt) {
    }

    /** liveloop.pin.added and liveloop.pin.updated: the pin with its offers in full. */
    record PinChanged(UUID sessionId, UUID roomId, UUID hostId, UUID productId, List<Offer> offers) {
    }

    /** One live offer: perBuyerLimit and startsAt may be null (no limit; valid at once). */
    record Offer(UUID skuId, long livePriceCents, Integer perBuyerLimit, Instant startsAt) {
    }

    /** liveloop.pin.removed */
    record PinRemoved(UUID sessionId, UUID productId) {
    }
}
