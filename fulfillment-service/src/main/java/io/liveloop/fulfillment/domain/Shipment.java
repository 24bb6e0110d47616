package io.liveloop.fulfillment.domain;

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
import org.hibernate.annotations.NaturalId;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A paid order's parcel and its journey. The status only moves forward along
 * CREATED → DISPATCHED → PICKED_UP → IN_TRANSIT → OUT_FOR_DELIVERY → DELIVERED; partners' reports may arrive out of
 * order, so each one is judged by where the shipment already is ({@code stage}) and when it happened:
 * <ul>
 *   <li>a report further along moves the stage (reaching past PICKED_UP without a pickup report implies the pickup);</li>
 *   <li>a report not further along (an in_transit after delivered) joins the timeline but moves nothing;</li>
 *   <li>EXCEPTION may come at any point before DELIVERED; a later report of progress clears it.</li>
 * </ul>
 * Beside the journey: DISPATCH_FAILED (the partner never accepted the request; a later accept or report recovers
 * it) and CANCELLED (the order was cancelled or refunded before pickup).
 */
@Entity
@Table(name = "shipment")
public class Shipment {

    /** What a cancellation of the order did to the shipment. */
    public enum CancelOutcome { CANCELLED, ALREADY_CANCELLED, FLAGGED_FOR_SUPPORT }

    @Id
    private UUID id;
    /** One shipment per order (a unique column): looked up by it without flushing, see ShipmentRepository#forOrder. */
    @NaturalId
    @Column(name = "order_id")
    private UUID orderId;
    @Column(name = "buyer_id")
    private UUID buyerId;
    @Column(name = "shop_id")
    private UUID shopId;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus status;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus stage;
    @Column(name = "stage_at")
    private Instant stageAt;
    @Column(name = "exception_at")
    private Instant exceptionAt;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<ShipmentItem> items;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ship_to")
    private ShipTo shipTo;
    @Column(name = "paid_at")
    private Instant paidAt;
    @Column(name = "ship_by")
    private Instant shipBy;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "picked_up_at")
    private Instant pickedUpAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "cancelled_at")
    private Instant cancelledAt;
    @Column(name = "overdue_at")
    private Instant overdueAt;
    @Column(name = "support_note")
    private String supportNote;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    @OneToMany(mappedBy = "shipment", cascade = CascadeType.ALL)
    @OrderBy("occurredAt, id")
    private List<TrackingEvent> timeline = new ArrayList<>();

    protected Shipment() {
    }

    /** A shipment for a paid order; it must leave within {@code shipWithin} of the payment. */
    public Shipment(UUID orderId, UUID buyerId, UUID shopId, UUID partnerId, List<ShipmentItem> items, ShipTo shipTo,
                    Instant paidAt, Duration shipWithin, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = orderId;
        this.buyerId = buyerId;
        this.shopId = shopId;
        this.partnerId = partnerId;
        this.items = List.copyOf(items);
        this.shipTo = shipTo;
        this.paidAt = paidAt;
        this.shipBy = paidAt.plus(shipWithin);
        this.status = ShipmentStatus.CREATED;
        this.stage = ShipmentStatus.CREATED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The partner accepted the request. False if that tells nothing new (tracking already came, or cancelled). */
    public boolean markDispatched(Instant now) {
        if (status == ShipmentStatus.CANCELLED || stage.rank() >= ShipmentStatus.DISPATCHED.rank()) {
            return false;
        }
        stage = ShipmentStatus.DISPATCHED;
        dispatchedAt = now;
        if (status == ShipmentStatus.CREATED || status == ShipmentStatus.DISPATCH_FAILED) {
            status = ShipmentStatus.DISPATCHED;
        }
        updatedAt = now;
        return true;
    }

    /** The partner never accepted the request (last attempt failed, or its endpoint is gone). */
    public boolean markDispatchFailed(Instant now) {
        if (status != ShipmentStatus.CREATED) {
            return false;
        }
        status = ShipmentStatus.DISPATCH_FAILED;
        updatedAt = now;
        return true;
    }

    /**
     * Adds a partner's report to the timeline and moves the status if the report is news.
     *
     * @return the statuses reached, in order, for the events to announce (empty for a late report)
     */
    public List<ShipmentStatus> recordTracking(TrackingUpdate update, Instant now) {
        TrackingEvent entry = new TrackingEvent(this, update, now);
        timeline.add(entry);
        updatedAt = now;
        if (update.trackingNumber() != null) {
            trackingNumber = update.trackingNumber();
        }
        List<ShipmentStatus> reached = new ArrayList<>(2);
        Instant at = update.occurredAt();
        if (status == ShipmentStatus.CANCELLED) {
            entry.markLate();
            supportNote = "partner reported " + update.type().wireName() + " for a cancelled shipment";
            return reached;
        }
        if (update.type() == TrackingType.EXCEPTION) {
            if (stage == ShipmentStatus.DELIVERED || (stageAt != null && at.isBefore(stageAt))) {
                entry.markLate();
            } else {
                status = ShipmentStatus.EXCEPTION;
                exceptionAt = at;
                reached.add(ShipmentStatus.EXCEPTION);
            }
            return reached;
        }
        ShipmentStatus target = update.type().status();
        if (target.rank() > stage.rank()) {
            if (pickedUpAt == null) {
                pickedUpAt = at;
                if (target != ShipmentStatus.PICKED_UP) {
                    reached.add(ShipmentStatus.PICKED_UP);
                }
            }
            if (target == ShipmentStatus.DELIVERED) {
                deliveredAt = at;
            }
            stage = target;
            stageAt = at;
            boolean newerException = status == ShipmentStatus.EXCEPTION && exceptionAt != null && exceptionAt.isAfter(at);
            if (!newerException) {
                status = target;
            }
            reached.add(target);
        } else if (target == stage && status == ShipmentStatus.EXCEPTION && at.isAfter(exceptionAt)) {
            status = stage; // the exception is resolved where it happened
            stageAt = at;
            reached.add(target);
        } else {
            entry.markLate();
        }
        return reached;
    }

    /** The order was cancelled or refunded: a parcel not yet picked up is cancelled, one picked up goes to support. */
    public CancelOutcome cancel(String reason, Instant now) {
        if (status == ShipmentStatus.CANCELLED) {
            return CancelOutcome.ALREADY_CANCELLED;
        }
        updatedAt = now;
        if (pickedUpAt != null || stage.rank() >= ShipmentStatus.PICKED_UP.rank()) {
            supportNote = "order " + reason + " after pickup (shipment " + status + "): the parcel is with the partner";
            return CancelOutcome.FLAGGED_FOR_SUPPORT;
        }
        status = ShipmentStatus.CANCELLED;
        cancelledAt = now;
        return CancelOutcome.CANCELLED;
    }

    /** Not picked up by its ship-by: flagged once. */
    public boolean markOverdue(Instant now) {
        if (overdueAt != null || pickedUpAt != null || status == ShipmentStatus.CANCELLED || !now.isAfter(shipBy)) {
            return false;
        }
        overdueAt = now;
        updatedAt = now;
        return true;
    }

    /** Overdue and still waiting for pickup. */
    public boolean isOverdue() {
        return overdueAt != null && pickedUpAt == null && status != ShipmentStatus.CANCELLED;
    }

    public boolean wasDispatched() {
        return dispatchedAt != null;
    }

    public UUID getId() { return id; }
    public UUID getOrderId() { return orderId; }
    public UUID getBuyerId() { return buyerId; }
    public UUID getShopId() { return shopId; }
    public UUID getPartnerId() { return partnerId; }
    public ShipmentStatus getStatus() { return status; }
    public List<ShipmentItem> getItems() { return items; }
    public ShipTo getShipTo() { return shipTo; }
    public Instant getPaidAt() { return paidAt; }
    public Instant getShipBy() { return shipBy; }
    public String getTrackingNumber() { return trackingNumber; }
    public Instant getDispatchedAt() { return dispatchedAt; }
    public Instant getPickedUpAt() { return pickedUpAt; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public Instant getOverdueAt() { return overdueAt; }
    public String getSupportNote() { return supportNote; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public List<TrackingEvent> getTimeline() { return timeline; }
}
