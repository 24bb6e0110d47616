package io.liveloop.livestream.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catalog's internal product view (GET /internal/products/{id}), the fields this service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogProduct(UUID id, UUID shopId, String title, String imageUrl, String status, String qualityStatus,
                             List<Sku> skus, Alliance alliance, List<UUID> authorizedHostIds) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sku(UUID id, String skuCode, Map<String, String> attributes, long listPriceCents, int available) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alliance(int commissionRateBps, Instant listedAt) {
    }

    public boolean isOnSale() {
        return "ON_SALE".equals(status);
    }

    public boolean passedQualityCheck() {
        return "PASSED".equals(qualityStatus);
    }

    public boolean inAlliancePool() {
        return alliance != null;
    }

    public boolean authorizes(UUID hostId) {
        return authorizedHostIds != null && authorizedHostIds.contains(hostId);
    }
}
