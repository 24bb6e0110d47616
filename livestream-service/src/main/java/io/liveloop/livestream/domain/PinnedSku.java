package io.liveloop.livestream.domain;

import java.util.Map;
import java.util.UUID;

/** A SKU of a pinned product as catalog described it at pin time (stored as JSON on the pin). */
public record PinnedSku(UUID skuId, String skuCode, Map<String, String> attributes, long listPriceCents) {
}
