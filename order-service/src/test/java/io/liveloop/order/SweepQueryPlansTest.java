package io.liveloop.order;

import io.liveloop.order.repository.IdempotencyRepository;
import io.liveloop.order.service.OrderService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeps run every few seconds for the life of the process: their native queries must reuse one cached plan
 * each. (Hibernate 7.2 cached a new plan for every run of a native query given a result class, all under one
 * hash: lookups slowed down as the cache filled, and the cache's bound evicted every other query's plan.)
 */
@QuarkusTest
class SweepQueryPlansTest {

    private static final int RUNS = 30;

    private final OrderService orders;
    private final IdempotencyRepository keys;
    private final SessionFactory sessionFactory;

    SweepQueryPlansTest(OrderService orders, IdempotencyRepository keys, SessionFactory sessionFactory) {
        this.orders = orders;
        this.keys = keys;
        this.sessionFactory = sessionFactory;
    }

    @Test
    void repeatedSweepsDoNotGrowHibernatesQueryPlanCache() {
        orders.cancelUnpaidPastPayBy();
        orders.completeLongDeliveredOrders(); // each sweep's plan is cached once, here
        int before = cachedQueryPlans();

        for (int i = 0; i < RUNS; i++) {
            orders.cancelUnpaidPastPayBy();
            orders.completeLongDeliveredOrders();
        }

        // Other work of the test application (consumers) may cache a plan or two meanwhile; a plan per run would
        // add 2 × RUNS.
        assertThat(cachedQueryPlans() - before).isLessThan(RUNS / 3);
    }

    @Test
    void repeatedIdempotencyKeyLocksDoNotGrowHibernatesQueryPlanCache() {
        Runnable lockAKey = () -> QuarkusTransaction.requiringNew().run(() ->
                keys.lockClaim("orders", UUID.randomUUID(), "key", Instant.now()));
        lockAKey.run(); // its plan is cached once, here
        int before = cachedQueryPlans();

        for (int i = 0; i < RUNS; i++) {
            lockAKey.run(); // every placement locks its claim once
        }

        assertThat(cachedQueryPlans() - before).isLessThan(RUNS / 3);
    }

    private int cachedQueryPlans() {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }
}
