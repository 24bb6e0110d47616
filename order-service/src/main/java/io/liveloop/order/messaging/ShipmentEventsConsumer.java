package io.liveloop.order.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.order.service.OrderService;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Follows the parcel from {@code fulfillment.shipments.v1} (key and subject = shipmentId): picked_up → SHIPPED,
 * delivered → DELIVERED. Idempotent (inbox) and tolerant of order: the order never moves backwards.
 */
@ApplicationScoped
public class ShipmentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ShipmentEventsConsumer.class);
    static final String CONSUMER = "order-shipments";

    /** What order-service reads of a shipment event's data. */
    record ShipmentEvent(UUID shipmentId, UUID orderId, Instant occurredAt) {
    }

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final OrderService orders;

    public ShipmentEventsConsumer(CloudEvents cloudEvents, Inbox inbox, OrderService orders) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.orders = orders;
    }

    @Incoming("shipments")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onShipmentEvent(String value) {
        CloudEvent<JsonNode> event;
        ShipmentEvent shipment;
        try {
            event = cloudEvents.read(value);
            if (!event.type().equals("liveloop.shipment.picked_up") && !event.type().equals("liveloop.shipment.delivered")) {
                return; // requested, in transit, exceptions...: the order's state does not change
            }
            shipment = cloudEvents.data(event, ShipmentEvent.class);
            if (shipment.orderId() == null) {
                throw new IllegalArgumentException("event " + event.id() + " (" + event.type() + ") has no orderId");
            }
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping a record on fulfillment.shipments.v1 that cannot be read: %s", e.getMessage());
            return;
        }
        Instant at = shipment.occurredAt() != null ? shipment.occurredAt() : event.time();
        Runnable effect = event.type().equals("liveloop.shipment.picked_up")
                ? () -> orders.recordPickedUp(shipment.orderId(), at)
                : () -> orders.recordDelivered(shipment.orderId(), at);
        if (!inbox.handleOnce(CONSUMER, event.id(), effect)) {
            LOG.debugf("Event %s (%s) was handled before", event.id(), event.type());
        }
    }
}
