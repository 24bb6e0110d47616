package io.liveloop.livestream.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one order attributed to a session contributes to the session's stats. Placed counts an order once; paid
 * (or completed, if paid was never seen) adds its units, GMV and commission once; a cancellation takes back all
 * it had added, a refund takes back what paid added. After a cancellation or refund nothing is counted again,
 * so distinct events about the same order (not only redeliveries, which the inbox stops) cannot count twice.
 */
@Entity
@Table(name = "session_order")
public class SessionOrder {

    public enum Status { PLACED, PAID, CANCELLED, REFUNDED }

    /** An order line as stats need it. */
    public record Line(UUID productId, int quantity, long lineTotalCents) {
    }

    /** Per product: paid orders, units and GMV to add (or take back, negative). */
    public record ProductDelta(UUID productId, int orders, long units, long gmvCents) {
    }

    /** A change of the session's stats; {@link #NONE} when an event changes nothing. */
    public record StatsDelta(int ordersPlaced, int ordersPaid, long unitsSold, long gmvCents, long commissionCents,
                             List<ProductDelta> products) {
        public static final StatsDelta NONE = new StatsDelta(0, 0, 0, 0, 0, List.of());

        public boolean isNone() {
            return ordersPlaced == 0 && ordersPaid == 0 && unitsSold == 0 && gmvCents == 0 && commissionCents == 0
                    && products.isEmpty();
        }
    }

    @Id
    @Column(name = "order_id")
    private UUID orderId;
    @Column(name = "session_id")
    private UUID sessionId;
    private String status;
    @Column(name = "placed_counted")
    private boolean placedCounted;
    @Column(name = "paid_counted")
    private boolean paidCounted;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<Line> items;
    @Column(name = "total_cents")
    private long totalCents;
    @Column(name = "commission_cents")
    private long commissionCents;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected SessionOrder() {
    }

    public SessionOrder(UUID orderId, UUID sessionId, List<Line> items, long totalCents, long commissionCents, Instant now) {
        this.orderId = orderId;
        this.sessionId = sessionId;
        this.status = Status.PLACED.name();
        this.items = List.copyOf(items);
        this.totalCents = totalCents;
        this.commissionCents = commissionCents;
        this.updatedAt = now;
    }

    public StatsDelta placed(Instant now) {
        if (isClosed() || placedCounted) {
            return StatsDelta.NONE;
        }
        placedCounted = true;
        updatedAt = now;
        return new StatsDelta(1, 0, 0, 0, 0, List.of());
    }

    /** Counts the sale once; an order paid without a placed event seen counts as placed too. */
    public StatsDelta paid(Instant now) {
        if (isClosed() || paidCounted) {
            return StatsDelta.NONE;
        }
        int placedNow = placedCounted ? 0 : 1;
        placedCounted = true;
        paidCounted = true;
        status = Status.PAID.name();
        updatedAt = now;
        StatsDelta sale = sale(1);
        return new StatsDelta(placedNow, sale.ordersPaid(), sale.unitsSold(), sale.gmvCents(), sale.commissionCents(),
                sale.products());
    }

    public StatsDelta cancelled(Instant now) {
        if (isClosed()) {
            return StatsDelta.NONE;
        }
        StatsDelta back = paidCounted ? sale(-1) : StatsDelta.NONE;
        int placedBack = placedCounted ? -1 : 0;
        placedCounted = false;
        paidCounted = false;
        status = Status.CANCELLED.name();
        updatedAt = now;
        return new StatsDelta(placedBack, back.ordersPaid(), back.unitsSold(), back.gmvCents(), back.commissionCents(),
                back.products());
    }

    public StatsDelta refunded(Instant now) {
        if (isClosed()) {
            return StatsDelta.NONE;
        }
        StatsDelta back = paidCounted ? sale(-1) : StatsDelta.NONE;
        paidCounted = false;
        status = Status.REFUNDED.name();
        updatedAt = now;
        return back;
    }

    /** Units per product of this order, for the viewers' sales ticker. */
    public Map<UUID, Integer> unitsByProduct() {
        Map<UUID, Integer> units = new LinkedHashMap<>();
        items.forEach(l -> units.merge(l.productId(), l.quantity(), Integer::sum));
        return units;
    }

    private boolean isClosed() {
        return Status.CANCELLED.name().equals(status) || Status.REFUNDED.name().equals(status);
    }

    private StatsDelta sale(int sign) {
        Map<UUID, long[]> byProduct = new LinkedHashMap<>();
        long units = 0;
        for (Line l : items) {
            long[] acc = byProduct.computeIfAbsent(l.productId(), k -> new long[2]);
            acc[0] += l.quantity();
            acc[1] += l.lineTotalCents();
            units += l.quantity();
        }
        List<ProductDelta> products = byProduct.entrySet().stream()
                .map(e -> new ProductDelta(e.getKey(), sign, sign * e.getValue()[0], sign * e.getValue()[1])).toList();
        return new StatsDelta(0, sign, sign * units, sign * totalCents, sign * commissionCents, products);
    }

    public UUID getOrderId() { return orderId; }
    public UUID getSessionId() { return sessionId; }
    public String getStatus() { return status; }
}
