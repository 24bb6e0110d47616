package io.liveloop.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A sellable variant. Its stock columns ({@code available}, {@code reserved}, {@code sold}) are changed only by
 * the guarded SQL of {@code StockRepository}, never through this entity, so that concurrent orders cannot
 * overwrite each other; the entity reads them.
 */
@Entity
@Table(name = "sku")
public class Sku {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_id")
    private Product product;
    @Column(name = "sku_code")
    private String skuCode;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> attributes;
    @Column(name = "price_cents")
    private long priceCents;
    @Column(insertable = true, updatable = false)
    private int available;
    @Column(insertable = true, updatable = false)
    private int reserved;
    @Column(insertable = true, updatable = false)
    private int sold;

    protected Sku() {
    }

    Sku(Product product, String skuCode, Map<String, String> attributes, long priceCents, int stock) {
        this.id = UUID.randomUUID();
        this.product = product;
        this.skuCode = skuCode;
        this.attributes = new LinkedHashMap<>(attributes == null ? Map.of() : attributes);
        this.priceCents = priceCents;
        this.available = stock;
    }

    public void reprice(Long priceCents, Map<String, String> attributes) {
        if (priceCents != null) {
            this.priceCents = priceCents;
        }
        if (attributes != null) {
            this.attributes = new LinkedHashMap<>(attributes);
        }
    }

    public UUID getId() { return id; }
    public Product getProduct() { return product; }
    public String getSkuCode() { return skuCode; }
    public Map<String, String> getAttributes() { return attributes; }
    public long getPriceCents() { return priceCents; }
    public int getAvailable() { return available; }
    public int getReserved() { return reserved; }
    public int getSold() { return sold; }
}
