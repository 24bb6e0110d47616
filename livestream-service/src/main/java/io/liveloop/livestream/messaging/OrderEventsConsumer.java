package io.liveloop.livestream.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.livestream.domain.SessionOrder;
import io.liveloop.livestream.service.StatsService;
import io.liveloop.livestream.service.StatsService.OrderChange;
import io.liveloop.livestream.service.StatsService.OrderFacts;
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
 * Live stats from {@code orders.v1}: orders attributed to a live session (liveSessionId) are counted when placed and
 * paid, and taken back when cancelled or refunded. Each event once (inbox); each order's contribution once
 * ({@link SessionOrder}).
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CONSUMER = "livestream-stats";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderItem(UUID skuId, UUID productId, int quantity, long unitPriceCents, long lineTotalCents) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderData(UUID orderId, UUID liveSessionId, List<OrderItem> items, long totalCents, Long commissionCents) {
    }

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final StatsService stats;

    public OrderEventsConsumer(CloudEvents cloudEvents, Inbox inbox, StatsService stats) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.stats = stats;
    }

    /**
     * A poll's order events at once (the channel is in batch mode), in one transaction ({@link Inbox#handleAll}): a
     * flash sale brings one placed event per order, and a commit each made this consumer wait on the disk for
     * every order.
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
        OrderChange change = switch (event.type()) {
            case "liveloop.order.placed" -> OrderChange.PLACED;
            case "liveloop.order.paid" -> OrderChange.PAID;
            case "liveloop.order.completed" -> OrderChange.COMPLETED;
            case "liveloop.order.cancelled" -> OrderChange.CANCELLED;
            case "liveloop.order.refunded" -> OrderChange.REFUNDED;
            default -> null;
        };
        if (change == null) {
            return Optional.empty();
        }
        OrderData data = cloudEvents.data(event, OrderData.class);
        if (data.liveSessionId() == null) {
            return Optional.empty(); // not bought in a live room
        }
        UUID orderId = data.orderId() != null ? data.orderId() : UUID.fromString(event.subject());
        List<SessionOrder.Line> lines = data.items() == null ? List.of()
                : data.items().stream().map(i -> new SessionOrder.Line(i.productId(), i.quantity(), i.lineTotalCents())).toList();
        OrderFacts facts = new OrderFacts(orderId, data.liveSessionId(), lines, data.totalCents(),
                data.commissionCents() == null ? 0 : data.commissionCents());
        return Optional.of(new Inbox.Delivery(event.id(), event.type(), () -> stats.orderChanged(change, facts)));
    }
}
