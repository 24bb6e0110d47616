package io.liveloop.livestream.domain;

import java.time.Instant;
import java.util.UUID;

/** What the host asks for one SKU; the list price comes from catalog, never from the client. */
public record OfferTerms(UUID skuId, long livePriceCents, Integer perBuyerLimit, Instant startsAt) {
}
