package io.liveloop.livestream.domain;

import java.util.List;
import java.util.UUID;

/** A product as catalog describes it when it is pinned (already checked to be pinnable). */
public record ProductToPin(UUID productId, UUID shopId, String title, String imageUrl, List<PinnedSku> skus) {
}
