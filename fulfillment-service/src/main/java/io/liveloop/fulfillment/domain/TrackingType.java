package io.liveloop.fulfillment.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a partner's tracking webhook reports; {@code type} is its name on the wire. */
public enum TrackingType {
    PICKED_UP("shipment.picked_up", ShipmentStatus.PICKED_UP),
    IN_TRANSIT("shipment.in_transit", ShipmentStatus.IN_TRANSIT),
    OUT_FOR_DELIVERY("shipment.out_for_delivery", ShipmentStatus.OUT_FOR_DELIVERY),
    DELIVERED("shipment.delivered", ShipmentStatus.DELIVERED),
    EXCEPTION("shipment.exception", ShipmentStatus.EXCEPTION);

    private final String wireName;
    private final ShipmentStatus status;

    TrackingType(String wireName, ShipmentStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    public static Optional<TrackingType> fromWire(String type) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(type)).findFirst();
    }

    public String wireName() { return wireName; }
    public ShipmentStatus status() { return status; }
}
