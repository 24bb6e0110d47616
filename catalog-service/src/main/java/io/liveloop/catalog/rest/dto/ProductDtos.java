package io.liveloop.catalog.rest.dto;

import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.domain.ProductStatus;
import io.liveloop.catalog.domain.QualityCheck;
import io.liveloop.catalog.domain.QualityStatus;
import io.liveloop.catalog.domain.Sku;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response records of the product, SKU, quality-check, stock and alliance endpoints. */
public final class ProductDtos {

    private ProductDtos() {
    }

    public record SkuRequest(@NotBlank @Size(max = 64) String skuCode,
                             @Size(max = 10) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 100) String> attributes,
                             @NotNull @Positive Long priceCents,
                             @NotNull @PositiveOrZero Integer stock) {
    }

    public record CreateProductRequest(@NotNull UUID shopId,
                                       @NotBlank @Size(max = 200) String title,
                                       @Size(max = 5000) String description,
                                       @Size(max = 20) List<@NotBlank @Size(max = 500) String> imageUrls,
                                       @Min(1) @Max(720) Integer shipWithinHours,
                                       @NotEmpty @Size(max = 100) List<@NotNull @Valid SkuRequest> skus) {
    }

    public record UpdateProductRequest(@Size(min = 1, max = 200) String title,
                                       @Size(max = 5000) String description,
                                       @Size(max = 20) List<@NotBlank @Size(max = 500) String> imageUrls,
                                       @Min(1) @Max(720) Integer shipWithinHours) {
    }

    public record UpdateSkuRequest(@Positive Long priceCents,
                                   @Size(max = 10) Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 100) String> attributes) {
    }

    public record SkuResponse(UUID id, String skuCode, Map<String, String> attributes, long priceCents, int available) {
        public static SkuResponse from(Sku sku) {
            return new SkuResponse(sku.getId(), sku.getSkuCode(), sku.getAttributes(), sku.getPriceCents(), sku.getAvailable());
        }
    }

    public record AllianceResponse(int commissionRateBps, Instant listedAt) {
        public static AllianceResponse from(Product product) {
            return product.getAllianceRateBps() == null ? null
                    : new AllianceResponse(product.getAllianceRateBps(), product.getAllianceListedAt());
        }
    }

    public record ProductResponse(UUID id, UUID shopId, String title, String description, List<String> imageUrls,
                                  int shipWithinHours, ProductStatus status, QualityStatus qualityStatus,
                                  AllianceResponse alliance, List<SkuResponse> skus, Instant createdAt, Instant updatedAt) {
        public static ProductResponse from(Product p) {
            return new ProductResponse(p.getId(), p.getShopId(), p.getTitle(), p.getDescription(), p.getImageUrls(),
                    p.getShipWithinHours(), p.getStatus(), p.getQualityStatus(), AllianceResponse.from(p),
                    p.getSkus().stream().map(SkuResponse::from).toList(), p.getCreatedAt(), p.getUpdatedAt());
        }
    }

    public enum CheckResult { PASSED, FAILED }

    public record QualityCheckRequest(@NotNull CheckResult result, @Size(max = 2000) String notes) {
    }

    public record QualityCheckResponse(UUID id, QualityStatus result, String notes, UUID inspectorId, Instant checkedAt) {
        public static QualityCheckResponse from(QualityCheck check) {
            return new QualityCheckResponse(check.getId(), check.getResult(), check.getNotes(), check.getInspectorId(),
                    check.getCheckedAt());
        }
    }

    public record StockUpdateRequest(@NotNull @PositiveOrZero @Max(10_000_000) Integer available) {
    }

    public record StockResponse(UUID skuId, int available, int reserved, int sold) {
    }

    public record AllianceRequest(@NotNull @Min(1) @Max(9000) Integer commissionRateBps) {
    }
}
