package io.liveloop.fulfillment.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentItem;
import io.liveloop.fulfillment.domain.ShipmentStatus;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What fulfillment tells the world (contracts/fulfillment.shipments.v1), written to the outbox in the caller's
 * transaction. Subject and key: the shipment id (one shipment per order, so an order's shipment events stay in
 * order too); every event carries the orderId. The buyer's address stays out of events: the partner gets it in
 * the signed request, and nobody else needs it.
 */
@ApplicationScoped
public class ShipmentEvents {

    public static final String TOPIC = "fulfillment.shipments.v1";
    static final String SOURCE = "/fulfillment-service";

    /** The data of every shipment event; fields that do not apply to a type are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShipmentEventData(UUID shipmentId, UUID orderId, UUID shopId, UUID buyerId, UUID partnerId,
                                    String status, Instant occurredAt, Instant shipBy, String trackingNumber,
                                    String location, String note, String reason, List<ShipmentItem> items) {
    }

    private final Outbox outbox;

    public ShipmentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(Shipment shipment) {
        emit("liveloop.shipment.created", shipment, shipment.getCreatedAt(), null, null, null, true);
    }

    public void dispatched(Shipment shipment, Instant at) {
        emit("liveloop.shipment.dispatched", shipment, at, null, null, null, false);
    }

    public void dispatchFailed(Shipment shipment, Instant at, String reason) {
        emit("liveloop.shipment.dispatch_failed", shipment, at, null, null, reason, false);
    }

    /** A status reached from a partner's report (picked_up … delivered, exception). */
    public void tracked(Shipment shipment, ShipmentStatus reached, Instant occurredAt, String location, String note) {
        emit(reached.eventType(), shipment, occurredAt, location, note, null, false);
    }

    public void overdue(Shipment shipment, Instant at) {
        emit("liveloop.shipment.overdue", shipment, at, null, null, null, false);
    }

    public void cancelled(Shipment shipment, Instant at, String reason) {
        emit("liveloop.shipment.cancelled", shipment, at, null, null, reason, false);
    }

    private void emit(String type, Shipment s, Instant occurredAt, String location, String note, String reason,
                      boolean withContents) {
        ShipmentEventData data = new ShipmentEventData(s.getId(), s.getOrderId(), s.getShopId(), s.getBuyerId(),
                s.getPartnerId(), s.getStatus().name(), occurredAt, s.getShipBy(), s.getTrackingNumber(), location, note,
                reason, withContents ? s.getItems() : null);
        // Keyed by the order (the contract): an order's shipment events stay in order on one partition.
        outbox.add(TOPIC, CloudEvent.of(type, SOURCE, s.getOrderId().toString(), data));
    }
}
