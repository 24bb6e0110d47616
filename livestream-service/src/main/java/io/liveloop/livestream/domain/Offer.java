package io.liveloop.livestream.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A live offer on one SKU of a pinned product: the live price (never above the list price), an optional limit
 * per buyer and an optional start time (null: at once). Stored as JSON on the pin.
 */
public record Offer(UUID skuId, long livePriceCents, long listPriceCents, Integer perBuyerLimit, Instant startsAt) {
}
