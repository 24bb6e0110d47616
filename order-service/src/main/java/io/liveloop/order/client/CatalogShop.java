package io.liveloop.order.client;

import java.util.UUID;

/** A shop as catalog describes it internally (GET /internal/shops/{id}): who owns it. */
public record CatalogShop(UUID id, UUID ownerId) {
}
