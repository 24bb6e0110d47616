package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.OrderStatus;
import io.liveloop.order.repository.OrderRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.liveloop.order.OrderFixtures.placedOrder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OrderRepository#lock}: payments, cancels and timeouts serialise on the order's row, and whoever gets the
 * lock second sees what the first one committed.
 */
@QuarkusTest
class OrderLockTest {

    private final OrderRepository orders;

    OrderLockTest(OrderRepository orders) {
        this.orders = orders;
    }

    @Test
    void aSecondLockWaitsForTheFirstTransactionAndSeesWhatItCommitted() throws Exception {
        UUID orderId = UUID.fromString(placedOrder(UUID.randomUUID(), Sku.of(UUID.randomUUID(), 100)).getString("id"));
        CountDownLatch firstHoldsIt = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Order order = orders.lock(orderId).orElseThrow();
            order.cancelByBuyer("changed my mind", Instant.now());
            firstHoldsIt.countDown();
            await(firstMayCommit);
        }));
        assertThat(firstHoldsIt.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<OrderStatus> second = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> orders.lock(orderId).orElseThrow().getStatus()));

        Thread.sleep(500);
        assertThat(second).as("the second lock waits while the first transaction holds the row").isNotDone();
        firstMayCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> orders.lock(UUID.randomUUID()))).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
