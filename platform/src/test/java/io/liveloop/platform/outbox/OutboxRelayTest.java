package io.liveloop.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.testing.KafkaBroker;
import io.liveloop.platform.testing.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay against the real database and a real broker. Each test publishes to a topic of its own, so rows
 * that another test left pending cannot be mistaken for its own.
 */
@QuarkusTest
class OutboxRelayTest {

    private final Outbox outbox;
    private final CloudEvents cloudEvents;
    private final DataSource dataSource;
    private final String jdbcUrl;
    private final int poolMaxSize;
    private final List<OutboxRelay> relays = new ArrayList<>();

    OutboxRelayTest(Outbox outbox, CloudEvents cloudEvents, DataSource dataSource,
                    @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size") int poolMaxSize) {
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.poolMaxSize = poolMaxSize;
    }

    @AfterEach
    void stopRelaysAndForgetTheirRows() throws SQLException {
        relays.forEach(OutboxRelay::stop);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from outbox_event where topic like 'outbox-test-%'")) {
            s.executeUpdate();
        }
    }

    @Test
    void publishesCommittedEventsKeyedByAggregateInCommitOrder() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        List<String> aggregates = List.of(id(), id(), id());
        for (int round = 0; round < 4; round++) {
            int from = round * 10;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int seq = from; seq < from + 10; seq++) {
                    for (String aggregate : aggregates) {
                        outbox.add(topic, event(aggregate, seq));
                    }
                }
            });
        }
        relay(KafkaBroker.shared(), fastConfig()).start();

        List<ConsumerRecord<String, String>> records = consume(KafkaBroker.shared(), topic, 120);

        assertThat(records).hasSize(120);
        for (String aggregate : aggregates) {
            List<Integer> sequence = records.stream().filter(r -> r.key().equals(aggregate))
                    .map(r -> cloudEvents.read(r.value()).data().get("seq").asInt()).toList();
            assertThat(sequence).as("events of aggregate %s", aggregate).isEqualTo(range(40));
        }
        ConsumerRecord<String, String> first = records.get(0);
        CloudEvent<JsonNode> envelope = cloudEvents.read(first.value());
        assertThat(envelope.subject()).isEqualTo(first.key());
        assertThat(envelope.type()).isEqualTo("liveloop.test.happened");
        assertThat(new String(first.headers().lastHeader("content-type").value())).isEqualTo("application/cloudevents+json");
        assertThat(pendingRows(topic)).isZero();
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverPublished() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(topic, event("rolled-back", 0));
            throw new IllegalStateException("business rule failed after the event was added");
        })).isInstanceOf(IllegalStateException.class);
        QuarkusTransaction.requiringNew().run(() -> outbox.add(topic, event("committed", 0)));
        relay(KafkaBroker.shared(), fastConfig()).start();

        List<ConsumerRecord<String, String>> records = consume(KafkaBroker.shared(), topic, 1);

        assertThat(records).extracting(ConsumerRecord::key).containsExactly("committed");
        assertThat(rows(topic)).isEqualTo(1);
    }

    @Test
    void addingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.add("any", event("x", 0)))
                .hasRootCauseInstanceOf(jakarta.transaction.TransactionRequiredException.class);
    }

    @Test
    void eventsCommittedBeforeTheRelayDiedArePublishedByTheNextOne() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        String aggregate = id();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int seq = 0; seq < 25; seq++) {
                outbox.add(topic, event(aggregate, seq));
            }
        });
        // The first relay never gets an acknowledgement (nothing listens where it sends), then dies.
        OutboxRelay dying = relay("127.0.0.1:" + KafkaBroker.freePort(), fastConfig());
        dying.start();
        awaitTrue(() -> attempts(topic) > 0, Duration.ofSeconds(30));
        dying.stop();
        assertThat(pendingRows(topic)).isEqualTo(25);

        relay(KafkaBroker.shared(), fastConfig()).start();

        List<ConsumerRecord<String, String>> records = consume(KafkaBroker.shared(), topic, 25);
        assertThat(records.stream().map(r -> cloudEvents.read(r.value()).data().get("seq").asInt()).toList())
                .isEqualTo(range(25));
        awaitTrue(() -> pendingRows(topic) == 0, Duration.ofSeconds(10));
    }

    @Test
    void keepsPublishingAcrossABrokerStopAndRestart() throws Exception {
        int port = KafkaBroker.freePort();
        String topic = "outbox-test-restart-" + id();
        EmbeddedKafkaBroker broker = KafkaBroker.startNew(port);
        String bootstrap = broker.getAdvertisedListeners();
        KafkaBroker.createTopics(bootstrap, List.of(topic));
        relay(bootstrap, fastConfig()).start();
        String aggregate = id();
        commit(topic, aggregate, 0, 10);
        assertThat(consume(bootstrap, topic, 10)).hasSize(10);

        broker.close();
        commit(topic, aggregate, 10, 20);
        awaitTrue(() -> attempts(topic) > 10, Duration.ofSeconds(60)); // the relay tried and failed meanwhile
        assertThat(pendingRows(topic)).isEqualTo(10);

        EmbeddedKafkaBroker restarted = KafkaBroker.startNew(port);
        try {
            KafkaBroker.createTopics(restarted.getAdvertisedListeners(), List.of(topic));
            List<ConsumerRecord<String, String>> records = consume(restarted.getAdvertisedListeners(), topic, 10);
            assertThat(records.stream().map(r -> cloudEvents.read(r.value()).data().get("seq").asInt()).toList())
                    .isEqualTo(range(10, 20));
            awaitTrue(() -> pendingRows(topic) == 0, Duration.ofSeconds(10));
        } finally {
            relays.forEach(OutboxRelay::stop);
            restarted.close();
        }
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePoll() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        OutboxConfig slowPoll = config(Duration.ofMinutes(5));
        relay(KafkaBroker.shared(), slowPoll).start();
        Thread.sleep(1_000); // let it drain what is pending and go to sleep on LISTEN

        Instant committed = Instant.now();
        commit(topic, id(), 0, 1);

        assertThat(consume(KafkaBroker.shared(), topic, 1)).hasSize(1);
        // Far below the five-minute poll: only the commit's notification can have woken it.
        assertThat(Duration.between(committed, Instant.now())).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void publishesWhileRequestsHoldEveryPooledConnection() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        String aggregate = id();
        commit(topic, aggregate, 0, 1);
        List<Connection> held = new ArrayList<>();
        try {
            // A burst of requests has taken the whole pool...
            for (int i = 0; i < poolMaxSize; i++) {
                held.add(dataSource.getConnection());
            }
            relay(KafkaBroker.shared(), config(Duration.ofMinutes(5))).start();
            // ...and keeps it while more events commit (as those requests' own commits would).
            insertWithoutThePool(topic, event(aggregate, 1));

            List<ConsumerRecord<String, String>> records = consume(KafkaBroker.shared(), topic, 2);

            assertThat(records.stream().map(r -> cloudEvents.read(r.value()).data().get("seq").asInt()).toList())
                    .isEqualTo(range(2));
            awaitTrue(() -> pendingRowsWithoutThePool(topic) == 0, Duration.ofSeconds(10));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void onlyOneRelayPublishesAndAnotherTakesOverWhenItStops() throws Exception {
        String topic = newTopic(KafkaBroker.shared());
        OutboxRelay first = relay(KafkaBroker.shared(), fastConfig());
        first.start();
        Thread.sleep(500);
        OutboxRelay second = relay(KafkaBroker.shared(), fastConfig());
        second.start();
        String aggregate = id();
        commit(topic, aggregate, 0, 30);
        awaitTrue(() -> pendingRows(topic) == 0, Duration.ofSeconds(30));

        first.stop();
        commit(topic, aggregate, 30, 40);

        List<ConsumerRecord<String, String>> records = consume(KafkaBroker.shared(), topic, 40);
        assertThat(records.stream().map(r -> cloudEvents.read(r.value()).data().get("seq").asInt()).toList())
                .as("no duplicates from two relays, order kept across the hand-over")
                .isEqualTo(range(40));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private OutboxRelay relay(String bootstrapServers, OutboxConfig config) {
        OutboxRelay relay = new OutboxRelay(this::plainConnection,
                () -> OutboxRelayService.producer(bootstrapServers, "outbox-test"), config);
        relays.add(relay);
        return relay;
    }

    private void commit(String topic, String aggregate, int from, int to) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int seq = from; seq < to; seq++) {
                outbox.add(topic, event(aggregate, seq));
            }
        });
    }

    private static CloudEvent<Map<String, Object>> event(String aggregate, int seq) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seq", seq);
        return CloudEvent.of("liveloop.test.happened", "/platform-test", aggregate, data);
    }

    private static String newTopic(String bootstrap) {
        String topic = "outbox-test-" + id();
        KafkaBroker.createTopics(bootstrap, List.of(topic));
        return topic;
    }

    private static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + id(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A little longer, to catch duplicates that would arrive after the expected count.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private Connection plainConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestDatabase.username(), TestDatabase.password());
    }

    /** What {@link Outbox#add} writes, committed on a connection of its own. */
    private void insertWithoutThePool(String topic, CloudEvent<?> event) throws SQLException {
        try (Connection c = plainConnection()) {
            outbox.insert(c, topic, event);
        }
    }

    private long pendingRowsWithoutThePool(String topic) throws SQLException {
        try (Connection c = plainConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox_event where topic = ? and sent_at is null")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long pendingRows(String topic) throws SQLException {
        return scalar("select count(*) from outbox_event where topic = ? and sent_at is null", topic);
    }

    private long rows(String topic) throws SQLException {
        return scalar("select count(*) from outbox_event where topic = ?", topic);
    }

    private long attempts(String topic) throws SQLException {
        return scalar("select coalesce(sum(attempts), 0) from outbox_event where topic = ?", topic);
    }

    private long scalar(String sql, String topic) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static List<Integer> range(int to) {
        return range(0, to);
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add(i);
        }
        return values;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static OutboxConfig fastConfig() {
        return config(Duration.ofMillis(500));
    }

    private static OutboxConfig config(Duration pollInterval) {
        return new OutboxConfig() {
            public boolean enabled() { return true; }
            public int batchSize() { return 100; }
            public Duration pollInterval() { return pollInterval; }
            public Duration retryInitial() { return Duration.ofMillis(100); }
            public Duration retryMax() { return Duration.ofSeconds(1); }
            public Duration retention() { return Duration.ofDays(7); }
        };
    }
}
