package io.liveloop.order.service;

import io.liveloop.order.config.OrderConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The clock-driven moves of an order's life, and the idempotency keys' retention. */
@ApplicationScoped
public class OrderTimeouts {

    private static final Logger LOG = Logger.getLogger(OrderTimeouts.class);

    private final OrderService orders;
    private final IdempotentRequests idempotency;
    private final OrderConfig config;

    public OrderTimeouts(OrderService orders, IdempotentRequests idempotency, OrderConfig config) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.config = config;
    }

    @Scheduled(every = "${order.timeouts.sweep-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void cancelUnpaidOrders() {
        int cancelled;
        do {
            cancelled = orders.cancelUnpaidPastPayBy();
            if (cancelled > 0) {
                LOG.infof("Cancelled %d order(s) unpaid past pay-by", cancelled);
            }
        } while (cancelled == config.sweepBatch());
    }

    @Scheduled(every = "${order.timeouts.auto-complete-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void completeDeliveredOrders() {
        int completed;
        do {
            completed = orders.completeLongDeliveredOrders();
            if (completed > 0) {
                LOG.infof("Completed %d order(s) delivered longer than %s ago", completed, config.autoCompleteAfter());
            }
        } while (completed == config.sweepBatch());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void forgetOldIdempotencyKeys() {
        int forgotten = idempotency.forgetOlderThan(config.idempotencyRetention());
        if (forgotten > 0) {
            LOG.infof("Forgot %d idempotency key(s) older than %s", forgotten, config.idempotencyRetention());
        }
    }
}
