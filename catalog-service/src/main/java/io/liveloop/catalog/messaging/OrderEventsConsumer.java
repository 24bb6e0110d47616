package io.liveloop.catalog.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.catalog.service.StockService;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Settles reservations from {@code orders.v1}: paid confirms (reserved → sold), cancelled releases (reserved →
 * available), refunded returns sold units to available. The order id is the reservation id. Each event has its
 * effect once (inbox); a failure is retried, and if it persists the channel fails (readiness goes down) rather
 * than skipping the event.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CONSUMER = "catalog-stock";

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final StockService stock;

    public OrderEventsConsumer(CloudEvents cloudEvents, Inbox inbox, StockService stock) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.stock = stock;
    }

    /**
     * A poll's order events at once (the channel is in batch mode), in one transaction ({@link Inbox#handleAll}):
     * one commit per poll rather than per paid or cancelled order.
     */
    @Incoming("orders")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onOrderEvents(List<String> values) {
        inbox.handleAll(CONSUMER, values.stream().map(this::delivery).flatMap(Optional::stream).toList());
    }

    private Optional<Inbox.Delivery> delivery(String value) {
        CloudEvent<JsonNode> event = cloudEvents.readRecord(value, "orders.v1").orElse(null);
        if (event == null) {
            return Optional.empty();
        }
        Runnable effect = switch (event.type()) {
            case "liveloop.order.paid" -> () -> stock.confirm(orderId(event));
            case "liveloop.order.cancelled" -> () -> stock.release(orderId(event));
            case "liveloop.order.refunded" -> () -> stock.refund(orderId(event));
            default -> null; // placed, completed: nothing to do with stock
        };
        return effect == null ? Optional.empty() : Optional.of(new Inbox.Delivery(event.id(), event.type(), effect));
    }

    private static UUID orderId(CloudEvent<JsonNode> event) {
        return UUID.fromString(event.subject());
    }
}
