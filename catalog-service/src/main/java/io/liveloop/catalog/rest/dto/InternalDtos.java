package io.liveloop.catalog.rest.dto;

import io.liveloop.catalog.domain.ProductStatus;
import io.liveloop.catalog.domain.QualityStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records of the service-to-service API under /internal (never routed by the gateway). */
public final class InternalDtos {

    private InternalDtos() {
    }

    public record ReservationItemRequest(@NotNull UUID skuId, @NotNull @Min(1) @Max(9999) Integer quantity) {
    }

    public record ReservationRequest(@NotNull UUID reservationId,
                                     @NotEmpty @Size(max = 50) List<@NotNull @Valid ReservationItemRequest> items,
                                     @NotNull Instant expiresAt) {
    }

    public record ProductView(UUID id, UUID shopId, String title, String imageUrl, ProductStatus status,
                              QualityStatus qualityStatus, int shipWithinHours, List<SkuView> skus,
                              ProductDtos.AllianceResponse alliance, List<UUID> authorizedHostIds) {
    }

    public record SkuView(UUID id, String skuCode, Map<String, String> attributes, long listPriceCents, int available) {
    }
}
