package io.liveloop.catalog.domain;

import io.liveloop.platform.problem.ProblemException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A shop's product and its life: DRAFT → (quality check passed) → ON_SALE ⇄ OFF_SHELF. A failed check takes it
 * off the shelf; only an ON_SALE product can be in the alliance pool.
 */
@Entity
@Table(name = "product")
public class Product {

    @Id
    private UUID id;
    @Column(name = "shop_id")
    private UUID shopId;
    private String title;
    private String description;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "image_urls")
    private List<String> imageUrls;
    @Column(name = "ship_within_hours")
    private int shipWithinHours;
    @Enumerated(EnumType.STRING)
    private ProductStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "quality_status")
    private QualityStatus qualityStatus;
    @Column(name = "alliance_rate_bps")
    private Integer allianceRateBps;
    @Column(name = "alliance_listed_at")
    private Instant allianceListedAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    @OneToMany(mappedBy = "product", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("skuCode")
    private List<Sku> skus = new ArrayList<>();

    protected Product() {
    }

    public Product(UUID shopId, String title, String description, List<String> imageUrls, int shipWithinHours, Instant now) {
        this.id = UUID.randomUUID();
        this.shopId = shopId;
        this.title = title;
        this.description = description == null ? "" : description;
        this.imageUrls = List.copyOf(imageUrls);
        this.shipWithinHours = shipWithinHours;
        this.status = ProductStatus.DRAFT;
        this.qualityStatus = QualityStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Sku addSku(String skuCode, java.util.Map<String, String> attributes, long priceCents, int stock) {
        if (skus.stream().anyMatch(s -> s.getSkuCode().equals(skuCode))) {
            throw new ProblemException(409, "duplicate-sku-code", "Duplicate SKU code",
                    "product " + id + " already has a SKU with code " + skuCode);
        }
        Sku sku = new Sku(this, skuCode, attributes, priceCents, stock);
        skus.add(sku);
        return sku;
    }

    public void describe(String title, String description, List<String> imageUrls, Integer shipWithinHours, Instant now) {
        if (title != null) {
            this.title = title;
        }
        if (description != null) {
            this.description = description;
        }
        if (imageUrls != null) {
            this.imageUrls = List.copyOf(imageUrls);
        }
        if (shipWithinHours != null) {
            this.shipWithinHours = shipWithinHours;
        }
        this.updatedAt = now;
    }

    /** Records an inspection's outcome. A failed check takes an on-sale product off the shelf. */
    public boolean recordQualityCheck(QualityStatus result, Instant now) {
        this.qualityStatus = result;
        this.updatedAt = now;
        if (result == QualityStatus.FAILED && status == ProductStatus.ON_SALE) {
            delist(now);
            return true;
        }
        return false;
    }

    public void publish(Instant now) {
        if (qualityStatus != QualityStatus.PASSED) {
            throw new ProblemException(409, "quality-check-required", "Quality check required",
                    "product " + id + " can be published only after a passed quality check; its quality status is "
                            + qualityStatus);
        }
        if (status == ProductStatus.ON_SALE) {
            throw ProblemException.illegalTransition("product", status, "publish");
        }
        this.status = ProductStatus.ON_SALE;
        this.updatedAt = now;
    }

    public void delist(Instant now) {
        if (status != ProductStatus.ON_SALE) {
            throw ProblemException.illegalTransition("product", status, "delist");
        }
        this.status = ProductStatus.OFF_SHELF;
        this.allianceRateBps = null; // off the shelf is out of the pool
        this.allianceListedAt = null;
        this.updatedAt = now;
    }

    public void listInAlliance(int commissionRateBps, Instant now) {
        if (status != ProductStatus.ON_SALE) {
            throw new ProblemException(409, "not-on-sale", "Product not on sale",
                    "only an ON_SALE product can be listed in the alliance pool; product " + id + " is " + status);
        }
        if (allianceRateBps == null) {
            this.allianceListedAt = now;
        }
        this.allianceRateBps = commissionRateBps;
        this.updatedAt = now;
    }

    public void unlistFromAlliance(Instant now) {
        this.allianceRateBps = null;
        this.allianceListedAt = null;
        this.updatedAt = now;
    }

    public Optional<Sku> sku(UUID skuId) {
        return skus.stream().filter(s -> s.getId().equals(skuId)).findFirst();
    }

    public boolean isOnSale() {
        return status == ProductStatus.ON_SALE;
    }

    public UUID getId() { return id; }
    public UUID getShopId() { return shopId; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public List<String> getImageUrls() { return imageUrls; }
    public int getShipWithinHours() { return shipWithinHours; }
    public ProductStatus getStatus() { return status; }
    public QualityStatus getQualityStatus() { return qualityStatus; }
    public Integer getAllianceRateBps() { return allianceRateBps; }
    public Instant getAllianceListedAt() { return allianceListedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public List<Sku> getSkus() { return skus; }
}
