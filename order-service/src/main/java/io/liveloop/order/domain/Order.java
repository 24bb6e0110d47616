package io.liveloop.order.domain;

import io.liveloop.platform.problem.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's order and its whole life:
 * <pre>
 * PENDING_PAYMENT ─paid→ PAID ─picked up→ SHIPPED ─delivered→ DELIVERED ─confirmed / auto→ COMPLETED
 *       │                  └─buyer cancels before pick-up→ REFUNDED
 *       └─buyer cancels / pay-by passes→ CANCELLED
 * </pre>
 * A move asked for by a user from the wrong state is a 409 {@code illegal-transition} naming the current state.
 * Moves reported by other systems (shipment tracking) are idempotent and never go backwards: they answer whether
 * they changed anything.
 */
@Entity
@Table(name = "orders")
public class Order {

    public static final String CURRENCY = "CNY";
    public static final String PAYMENT_TIMEOUT = "payment-timeout";

    /** What a buyer's cancel did: an unpaid order is cancelled, a paid one is refunded. */
    public enum Cancellation { CANCELLED, REFUNDED }

    @Id
    private UUID id;
    @Column(name = "buyer_id")
    private UUID buyerId;
    @Column(name = "shop_id")
    private UUID shopId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @Column(name = "total_cents")
    private long totalCents;
    private String currency;
    @Column(name = "live_session_id")
    private UUID liveSessionId;
    @Column(name = "host_id")
    private UUID hostId;
    @Column(name = "commission_cents")
    private long commissionCents;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "shipping_address")
    private ShippingAddress shippingAddress;
    @Column(name = "buyer_note")
    private String buyerNote;
    @Column(name = "ship_within_hours")
    private int shipWithinHours;
    @Column(name = "pay_by")
    private Instant payBy;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "paid_at")
    private Instant paidAt;
    @Column(name = "shipped_at")
    private Instant shippedAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "cancelled_at")
    private Instant cancelledAt;
    @Column(name = "cancel_reason")
    private String cancelReason;
    @Column(name = "refunded_at")
    private Instant refundedAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("skuId")
    private List<OrderLine> lines;

    protected Order() {
    }

    /**
     * A new order awaiting payment. {@code hostId} is the live session's host when the order is attributed to one;
     * the commission is the sum of each line's total × its alliance rate, rounded down to the cent.
     */
    public Order(UUID id, UUID buyerId, UUID shopId, List<OrderLine> lines, UUID liveSessionId, UUID hostId,
                 ShippingAddress shippingAddress, String buyerNote, Instant now, Duration paymentTimeout) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        this.id = id;
        this.buyerId = buyerId;
        this.shopId = shopId;
        this.lines = List.copyOf(lines);
        this.status = OrderStatus.PENDING_PAYMENT;
        this.currency = CURRENCY;
        this.totalCents = lines.stream().mapToLong(OrderLine::getLineTotalCents).sum();
        this.commissionCents = commission(lines);
        this.shipWithinHours = lines.stream().mapToInt(OrderLine::getShipWithinHours).min().orElseThrow();
        this.liveSessionId = liveSessionId;
        this.hostId = hostId;
        this.shippingAddress = shippingAddress;
        this.buyerNote = buyerNote;
        this.createdAt = now;
        this.payBy = now.plus(paymentTimeout);
    }

    private static long commission(List<OrderLine> lines) {
        long basisPointCents = 0;
        for (OrderLine line : lines) {
            if (line.getCommissionRateBps() != null) {
                basisPointCents = Math.addExact(basisPointCents,
                        Math.multiplyExact(line.getLineTotalCents(), (long) line.getCommissionRateBps()));
            }
        }
        return basisPointCents / 10_000; // rounded down to the cent
    }

    /** A payment may start only while the order waits for one and its pay-by has not passed. */
    public void requirePayable(Instant now) {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw ProblemException.illegalTransition("order", status, "pay");
        }
        if (now.isAfter(payBy)) {
            throw new ProblemException(409, "payment-window-closed", "Payment window closed",
                    "order " + id + " had to be paid by " + payBy + "; it is being cancelled");
        }
    }

    public boolean awaitsPayment() {
        return status == OrderStatus.PENDING_PAYMENT;
    }

    /** The provider confirmed a payment. Only an order still waiting for one can become PAID. */
    public void markPaid(Instant now) {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw ProblemException.illegalTransition("order", status, "mark as paid");
        }
        status = OrderStatus.PAID;
        paidAt = now;
    }

    /** The buyer cancels: an unpaid order is cancelled, a paid order not yet picked up is refunded. */
    public Cancellation cancelByBuyer(String reason, Instant now) {
        switch (status) {
            case PENDING_PAYMENT -> {
                cancel(reason, now);
                return Cancellation.CANCELLED;
            }
            case PAID -> {
                status = OrderStatus.REFUNDED;
                refundedAt = now;
                cancelledAt = now;
                cancelReason = reason;
                return Cancellation.REFUNDED;
            }
            default -> throw ProblemException.illegalTransition("order", status, "cancel");
        }
    }

    /** Pay-by passed without a payment: cancelled, which releases the stock. False if there is nothing to do. */
    public boolean expireUnpaid(Instant now) {
        if (status != OrderStatus.PENDING_PAYMENT || !now.isAfter(payBy)) {
            return false;
        }
        cancel(PAYMENT_TIMEOUT, now);
        return true;
    }

    private void cancel(String reason, Instant now) {
        status = OrderStatus.CANCELLED;
        cancelledAt = now;
        cancelReason = reason;
    }

    /** The carrier picked the parcel up. Idempotent; never moves a delivered or completed order back. */
    public boolean recordPickedUp(Instant at) {
        if (status != OrderStatus.PAID) {
            return false;
        }
        status = OrderStatus.SHIPPED;
        shippedAt = at;
        return true;
    }

    /** The parcel was delivered; also from PAID, when the picked-up event has not arrived (yet). */
    public boolean recordDelivered(Instant at) {
        if (status != OrderStatus.PAID && status != OrderStatus.SHIPPED) {
            return false;
        }
        if (shippedAt == null) {
            shippedAt = at;
        }
        status = OrderStatus.DELIVERED;
        deliveredAt = at;
        return true;
    }

    public void confirmReceipt(Instant now) {
        if (status != OrderStatus.DELIVERED) {
            throw ProblemException.illegalTransition("order", status, "confirm receipt of");
        }
        complete(now);
    }

    /** Completes a delivered order the buyer left unconfirmed for {@code after}. */
    public boolean autoComplete(Instant now, Duration after) {
        if (status != OrderStatus.DELIVERED || now.isBefore(deliveredAt.plus(after))) {
            return false;
        }
        complete(now);
        return true;
    }

    private void complete(Instant now) {
        status = OrderStatus.COMPLETED;
        completedAt = now;
    }

    public boolean isBuyer(UUID userId) {
        return buyerId.equals(userId);
    }

    public UUID getId() { return id; }
    public UUID getBuyerId() { return buyerId; }
    public UUID getShopId() { return shopId; }
    public OrderStatus getStatus() { return status; }
    public long getTotalCents() { return totalCents; }
    public String getCurrency() { return currency; }
    public UUID getLiveSessionId() { return liveSessionId; }
    public UUID getHostId() { return hostId; }
    public long getCommissionCents() { return commissionCents; }
    public ShippingAddress getShippingAddress() { return shippingAddress; }
    public String getBuyerNote() { return buyerNote; }
    public int getShipWithinHours() { return shipWithinHours; }
    public Instant getPayBy() { return payBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getPaidAt() { return paidAt; }
    public Instant getShippedAt() { return shippedAt; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Instant getCompletedAt() { return completedAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public String getCancelReason() { return cancelReason; }
    public Instant getRefundedAt() { return refundedAt; }
    public List<OrderLine> getLines() { return lines; }
}
