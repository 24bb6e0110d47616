package io.liveloop.order.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catalog's answer to a reservation (POST /internal/reservations): what order-service prices and attributes with. */
public record CatalogReservation(UUID reservationId, String status, Instant expiresAt, List<Item> items,
                                 List<UUID> authorizedHostIds) {

    public record Item(UUID skuId, UUID productId, UUID shopId, String title, Map<String, String> skuAttributes,
                       long listPriceCents, int quantity, int shipWithinHours, Alliance alliance) {
    }

    /** Set when the product is in the alliance pool. */
    public record Alliance(int commissionRateBps) {
    }

    public record Request(UUID reservationId, List<RequestItem> items, Instant expiresAt) {
    }

    public record RequestItem(UUID skuId, int quantity) {
    }

    public boolean authorizes(UUID hostId) {
        return authorizedHostIds != null && authorizedHostIds.contains(hostId);
    }
}
