package io.liveloop.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class InboxTest {

    private final Inbox inbox;
    private final DataSource dataSource;

    InboxTest(Inbox inbox, DataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Test
    void secondDeliveryOfAnEventChangesNothing() throws SQLException {
        String eventId = UUID.randomUUID().toString();
        String counter = "counter-" + eventId;
        createCounter(counter);

        assertThat(inbox.handleOnce("stats", eventId, () -> increment(counter))).isTrue();
        assertThat(inbox.handleOnce("stats", eventId, () -> increment(counter))).isFalse();

        assertThat(count(counter)).isEqualTo(1);
    }

    @Test
    void eachConsumerHandlesTheSameEventOnce() {
        String eventId = UUID.randomUUID().toString();
        assertThat(inbox.handleOnce("catalog-stock", eventId, () -> { })).isTrue();
        assertThat(inbox.handleOnce("live-stats", eventId, () -> { })).isTrue();
        assertThat(inbox.handleOnce("live-stats", eventId, () -> { })).isFalse();
    }

    @Test
    void failedEffectLeavesTheEventUnrecordedSoARedeliveryRetriesIt() throws SQLException {
        String eventId = UUID.randomUUID().toString();
        String counter = "counter-" + eventId;
        createCounter(counter);

        assertThatThrownBy(() -> inbox.handleOnce("stats", eventId, () -> {
            increment(counter);
            throw new IllegalStateException("effect failed half-way");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count(counter)).isZero();

        assertThat(inbox.handleOnce("stats", eventId, () -> increment(counter))).isTrue();
        assertThat(count(counter)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicateDeliveriesHaveOneEffect() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String counter = "counter-" + eventId;
        createCounter(counter);
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return inbox.handleOnce("stats", eventId, () -> {
                    ran.incrementAndGet();
                    increment(counter);
                });
            }));
        }
        go.countDown();
        long firsts = deliveries.stream().map(CompletableFuture::join).filter(b -> b).count();

        assertThat(firsts).isEqualTo(1);
        assertThat(ran.get()).isEqualTo(1);
        assertThat(count(counter)).isEqualTo(1);
    }

    @Test
    void firstDeliveryNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> inbox.firstDelivery("stats", "no-tx"))
                .hasRootCauseInstanceOf(jakarta.transaction.TransactionRequiredException.class);
        QuarkusTransaction.requiringNew().run(() -> assertThat(inbox.firstDelivery("stats", "in-tx")).isTrue());
    }

    @Test
    void aBatchHasEachEffectOnceAllInOneTransaction() throws SQLException {
        String tag = UUID.randomUUID().toString();
        String counter = "counter-" + tag;
        createCounter(counter);
        inbox.handleOnce("stats", tag + "-seen", () -> increment(counter));
        List<Long> transactions = new ArrayList<>();
        Runnable effect = () -> {
            increment(counter);
            transactions.add(currentTransaction());
        };

        int ran = inbox.handleAll("stats", List.of(new Inbox.Delivery(tag + "-1", "t", effect),
                new Inbox.Delivery(tag + "-seen", "t", effect), new Inbox.Delivery(tag + "-2", "t", effect)));

        assertThat(ran).isEqualTo(2);
        assertThat(count(counter)).isEqualTo(3);
        assertThat(transactions).as("two effects, in one transaction").hasSize(2).containsOnly(transactions.get(0));
    }

    @Test
    void aFailedBatchIsHandledAgainOneByOneStoppingAtTheEventThatFails() throws SQLException {
        String tag = UUID.randomUUID().toString();
        String before = "before-" + tag;
        String after = "after-" + tag;
        createCounter(before);
        createCounter(after);
        List<Inbox.Delivery> batch = List.of(new Inbox.Delivery(tag + "-1", "t", () -> increment(before)),
                new Inbox.Delivery(tag + "-2", "t", () -> {
                    throw new IllegalStateException("cannot be handled");
                }),
                new Inbox.Delivery(tag + "-3", "t", () -> increment(after)));

        assertThatThrownBy(() -> inbox.handleAll("stats", batch)).hasMessageContaining("cannot be handled");

        assertThat(count(before)).as("the event before the failing one, handled on its own").isEqualTo(1);
        assertThat(count(after)).as("the event after it waits for it").isZero();
        assertThat(inbox.handleAll("stats", List.of(batch.get(0), batch.get(2)))).isEqualTo(1);
        assertThat(count(before)).isEqualTo(1);
        assertThat(count(after)).isEqualTo(1);
    }

    private long currentTransaction() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select txid_current()")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void createCounter(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists test_counter (name text primary key, value int not null)");
            s.execute("insert into test_counter values ('" + name + "', 0)");
        }
    }

    /** Runs inside the inbox's transaction: the same connection, so it commits or rolls back with it. */
    private void increment(String name) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update test_counter set value = value + 1 where name = '" + name + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select value from test_counter where name = '" + name + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
