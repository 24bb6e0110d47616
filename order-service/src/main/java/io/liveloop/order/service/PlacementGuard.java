package io.liveloop.order.service;

import io.liveloop.order.config.OrderConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Bounds the work in progress of order placement ({@link OrderService#place}): a bulkhead of
 * {@code order.placement.concurrency} placements at once, with {@code order.placement.queue} more waiting in arrival
 * order (SmallRye Fault Tolerance's synchronous queueing: a waiting request parks its thread, holding no connection).
 * Without it every worker thread places at once, and in a flash sale 200 placements fight over two cores and twelve
 * pooled connections: catalog's answers then sit unread for seconds, so the catalog client's timeouts and circuit
 * breaker measure this service's own overload instead of catalog.
 */
@ApplicationScoped
public class PlacementGuard {

    public static final String NAME = "order-placement";

    @Produces
    @Singleton
    @Identifier(NAME)
    Guard placements(OrderConfig config) {
        return Guard.create().withDescription(NAME)
                .withBulkhead().limit(config.placement().concurrency()).queueSize(config.placement().queue())
                .enableSynchronousQueueing().done()
                .build();
    }
}
