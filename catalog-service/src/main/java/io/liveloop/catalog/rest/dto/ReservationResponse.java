package io.liveloop.catalog.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What order-service gets for a reservation: everything it needs to price and attribute the order. */
public record ReservationResponse(UUID reservationId, String status, Instant expiresAt, List<Item> items,
                                  List<UUID> authorizedHostIds) {

    public record Item(UUID skuId, UUID productId, UUID shopId, String title, Map<String, String> skuAttributes,
                       long listPriceCents, int quantity, int shipWithinHours, Alliance alliance) {
    }

    public record Alliance(int commissionRateBps) {
    }

    public ReservationResponse withStatus(String status) {
        return new ReservationResponse(reservationId, status, expiresAt, items, authorizedHostIds);
    }
}
