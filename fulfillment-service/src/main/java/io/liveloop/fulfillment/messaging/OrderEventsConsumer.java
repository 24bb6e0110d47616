package io.liveloop.fulfillment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.fulfillment.domain.ShipmentItem;
import io.liveloop.fulfillment.domain.ShipTo;
import io.liveloop.fulfillment.service.ShipmentService;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Follows orders from {@code orders.v1}: paid creates the shipment (and queues its pickup request); cancelled and
 * refunded cancel one not yet picked up. Each event has its effect once (inbox); a failure is retried, and if it
 * persists the channel fails (readiness goes down) rather than skipping the event.
 *
 * <p>The records of one poll are handled in one transaction, in the order they came ({@link Inbox#handleAll}, which
 * also says what happens when a batch fails). One transaction per event made the consumer the narrowest point of
 * the payment → shipment path: under the loop bench it carried fewer than 20 orders/s on the two-core box, each
 * event paying for its own commit and connection hand-over. Batches are capped by {@code max.poll.records}.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);
    static final String CONSUMER = "fulfillment-shipments";

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final ShipmentService shipments;

    public OrderEventsConsumer(CloudEvents cloudEvents, Inbox inbox, ShipmentService shipments) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.shipments = shipments;
    }

    @Incoming("orders")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onOrderEvents(List<String> values) {
        // placed, completed, unreadable: nothing to do, and no transaction when the whole poll is such
        inbox.handleAll(CONSUMER, values.stream().map(this::delivery).flatMap(Optional::stream).toList());
    }

    private Optional<Inbox.Delivery> delivery(String value) {
        CloudEvent<JsonNode> event = cloudEvents.readRecord(value, "orders.v1").orElse(null);
        if (event == null) {
            return Optional.empty();
        }
        Runnable effect = switch (event.type()) {
            case "liveloop.order.paid" -> paid(event);
            case "liveloop.order.cancelled" -> closed(event, "cancelled");
            case "liveloop.order.refunded" -> closed(event, "refunded");
            default -> null; // placed, completed: nothing to ship or stop
        };
        return effect == null ? Optional.empty() : Optional.of(new Inbox.Delivery(event.id(), event.type(), effect));
    }

    private Runnable paid(CloudEvent<JsonNode> event) {
        OrderPaid order;
        try {
            order = cloudEvents.data(event, OrderPaid.class);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping order.paid %s: %s", event.id(), e.getMessage());
            return null;
        }
        if (order.orderId() == null || order.buyerId() == null || order.shopId() == null || order.items() == null
                || order.items().isEmpty() || order.shippingAddress() == null || order.paidAt() == null
                || order.shipWithinHours() == null || order.shipWithinHours() < 1) {
            // Breaks contracts/orders.v1: retrying would not make it whole. Loud, so someone fixes the producer.
            LOG.errorf("Skipping order.paid %s of order %s: it lacks what a shipment needs", event.id(), event.subject());
            return null;
        }
        OrderPaid.Address a = order.shippingAddress();
        ShipmentService.PaidOrder paid = new ShipmentService.PaidOrder(order.orderId(), order.buyerId(), order.shopId(),
                order.items().stream().map(i -> new ShipmentItem(i.skuId(), i.productId(), i.title(),
                        i.skuAttributes() == null ? Map.of() : i.skuAttributes(), i.quantity())).toList(),
                new ShipTo(a.recipient(), a.phone(), a.province(), a.city(), a.district(), a.line1(), a.postalCode()),
                order.shipWithinHours(), order.paidAt());
        return () -> shipments.createForPaidOrder(paid);
    }

    private Runnable closed(CloudEvent<JsonNode> event, String what) {
        OrderClosed closed;
        UUID orderId;
        try {
            closed = cloudEvents.data(event, OrderClosed.class);
            orderId = closed.orderId() != null ? closed.orderId() : UUID.fromString(event.subject());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.errorf("Skipping order.%s %s: no order id in it (%s)", what, event.id(), e.getMessage());
            return null;
        }
        String reason = closed.reason() == null || closed.reason().isBlank() ? what : what + ": " + closed.reason();
        return () -> shipments.cancelForOrder(orderId, reason);
    }
}
