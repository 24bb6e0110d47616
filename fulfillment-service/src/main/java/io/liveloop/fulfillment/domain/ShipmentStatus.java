package io.liveloop.fulfillment.domain;

/**
 * Where a shipment stands. The forward journey is CREATED → DISPATCHED → PICKED_UP → IN_TRANSIT →
 * OUT_FOR_DELIVERY → DELIVERED ({@link #rank()} orders it); DISPATCH_FAILED, EXCEPTION and CANCELLED are
 * states beside it.
 */
public enum ShipmentStatus {
    CREATED(0), DISPATCHED(1), DISPATCH_FAILED(-1), PICKED_UP(2), IN_TRANSIT(3), OUT_FOR_DELIVERY(4), DELIVERED(5),
    EXCEPTION(-1), CANCELLED(-1);

    private final int rank;

    ShipmentStatus(int rank) {
        this.rank = rank;
    }

    /** Position on the forward journey; -1 for states beside it. */
    public int rank() {
        return rank;
    }

    /** The event type that announces this status on fulfillment.shipments.v1. */
    public String eventType() {
        return "liveloop.shipment." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
