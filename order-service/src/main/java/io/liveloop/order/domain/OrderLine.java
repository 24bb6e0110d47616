package io.liveloop.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Map;
import java.util.UUID;

/**
 * One SKU of an order, priced by the server when the order was placed. {@code commissionRateBps} is the alliance
 * rate that applied to this line (null when the host earns no commission on it).
 */
@Embeddable
public class OrderLine {

    @Column(name = "sku_id")
    private UUID skuId;
    @Column(name = "product_id")
    private UUID productId;
    private String title;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sku_attributes")
    private Map<String, String> skuAttributes;
    private int quantity;
    @Column(name = "unit_price_cents")
    private long unitPriceCents;
    @Column(name = "list_price_cents")
    private long listPriceCents;
    @Column(name = "line_total_cents")
    private long lineTotalCents;
    @Column(name = "ship_within_hours")
    private int shipWithinHours;
    @Column(name = "commission_rate_bps")
    private Integer commissionRateBps;

    protected OrderLine() {
    }

    public OrderLine(UUID skuId, UUID productId, String title, Map<String, String> skuAttributes, int quantity,
                     long unitPriceCents, long listPriceCents, int shipWithinHours, Integer commissionRateBps) {
        this.skuId = skuId;
        this.productId = productId;
        this.title = title;
        this.skuAttributes = skuAttributes == null ? Map.of() : Map.copyOf(skuAttributes);
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
        this.listPriceCents = listPriceCents;
        this.lineTotalCents = Math.multiplyExact(unitPriceCents, (long) quantity);
        this.shipWithinHours = shipWithinHours;
        this.commissionRateBps = commissionRateBps;
    }

    public UUID getSkuId() { return skuId; }
    public UUID getProductId() { return productId; }
    public String getTitle() { return title; }
    public Map<String, String> getSkuAttributes() { return skuAttributes; }
    public int getQuantity() { return quantity; }
    public long getUnitPriceCents() { return unitPriceCents; }
    public long getListPriceCents() { return listPriceCents; }
    public long getLineTotalCents() { return lineTotalCents; }
    public int getShipWithinHours() { return shipWithinHours; }
    public Integer getCommissionRateBps() { return commissionRateBps; }
}
