package io.liveloop.platform.outbox;

import io.liveloop.platform.events.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes committed outbox rows to Kafka, in id order, and marks them sent.
 *
 * <p>Guarantees: a committed row is published at least once, whatever dies in between (rows stay pending
 * until Kafka acknowledged them, so a relay killed mid-round leaves them for the next one; duplicates are
 * possible and consumers are idempotent). Rows of one aggregate are published in commit order: they share a
 * record key, hence a partition, the producer is idempotent with acks=all, and a row is never marked sent
 * while an earlier row of its aggregate is still pending.
 *
 * <p>One relay per database publishes at a time (a PostgreSQL advisory lock held by its own connection), so
 * several instances of a service do not reorder each other's rows. The relay sleeps on LISTEN and is woken by
 * the NOTIFY that a commit adding events sends; the poll interval is only a safety net. Failures (Kafka or
 * PostgreSQL down) are retried with exponential backoff and jitter, and the Kafka producer is rebuilt after a
 * failed round so that a broker that came back is used afresh.
 *
 * <p>The relay reads and marks rows on that same dedicated connection, never on the service's pool: when a
 * burst of requests holds every pooled connection, the events those requests commit must still leave at
 * once. (With the pool, the loop bench showed the relay queueing behind order-service's payment callbacks for
 * the pool's whole acquisition timeout, then failing the round and reconnecting: seconds per event.)
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "liveloop_outbox";
    /** Any constant shared by all relays of one database; the database is the service's own. */
    private static final long LEADER_LOCK = 0x4c4c_4f42L;
    /** Longer than the producer's delivery timeout, so Kafka normally reports the failure itself first. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Opens a plain (non-pooled, auto-commit) connection: the relay's own, for the leader lock, LISTEN and its
     * reads and writes of the outbox.
     */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final ConnectionFactory connections;
    private final Supplier<Producer<String, String>> producers;
    private final OutboxConfig config;

    private volatile boolean running;
    private Thread thread;
    /** Holds the leader lock and LISTENs while this relay leads; null otherwise. */
    private Connection connection;
    private Producer<String, String> producer;
    private Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(ConnectionFactory connections, Supplier<Producer<String, String>> producers,
                       OutboxConfig config) {
        this.connections = connections;
        this.producers = producers;
        this.config = config;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current round; rows not yet marked sent stay pending for the next relay. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        closeConnection();
        closeProducer();
    }

    private void loop() {
        Duration backoff = config.retryInitial();
        while (running) {
            try {
                if (!holdsLeadership()) {
                    sleep(config.pollInterval());
                    continue;
                }
                int published = publishPending();
                backoff = config.retryInitial();
                cleanUpOccasionally();
                if (published < config.batchSize()) {
                    awaitCommit(config.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Outbox relay round failed (%s); retrying in about %d ms", describe(e), backoff.toMillis());
                closeProducer();
                if (!(e instanceof OutboxPublishException)) {
                    closeConnection(); // PostgreSQL trouble: reconnect and re-take leadership
                }
                sleepQuietly(jitter(backoff));
                backoff = min(backoff.multipliedBy(2), config.retryMax());
            }
        }
    }

    /** One round: reads up to a batch of pending rows, publishes them, marks what Kafka acknowledged. */
    int publishPending() throws SQLException, InterruptedException {
        List<PendingRow> rows = readPending();
        if (rows.isEmpty()) {
            return 0;
        }
        if (producer == null) {
            producer = producers.get();
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Set<String> unreachableTopics = new HashSet<>();
        for (PendingRow row : rows) {
            if (unreachableTopics.contains(row.topic())) {
                acks.add(null); // not sent this round: a send to this topic already failed at once
                continue;
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            Future<RecordMetadata> ack = producer.send(record);
            if (ack.isDone() && errorOf(ack, Duration.ZERO) != null) {
                // e.g. no metadata for the topic within max.block.ms: do not wait that long once per row
                unreachableTopics.add(row.topic());
            }
            acks.add(ack);
        }

        // Each acknowledgement is awaited with a bound: a round never hangs on a broker that went away.
        Instant deadline = Instant.now().plus(ACK_TIMEOUT);
        List<Long> sent = new ArrayList<>(rows.size());
        List<Long> failed = new ArrayList<>();
        Set<String> blockedKeys = new HashSet<>();
        String firstError = null;
        for (int i = 0; i < rows.size(); i++) {
            PendingRow row = rows.get(i);
            Future<RecordMetadata> ack = acks.get(i);
            String error = ack == null ? "topic " + row.topic() + " unreachable"
                    : errorOf(ack, Duration.between(Instant.now(), deadline));
            if (error == null && !blockedKeys.contains(row.key())) {
                sent.add(row.id());
            } else {
                // An earlier row of this aggregate is still pending: this one waits for it, to keep order.
                blockedKeys.add(row.key());
                failed.add(row.id());
                if (firstError == null && error != null) {
                    firstError = error;
                }
            }
        }
        record(sent, failed, firstError);
        if (!failed.isEmpty()) {
            throw new OutboxPublishException(failed.size() + " of " + rows.size() + " events not acknowledged: " + firstError);
        }
        return rows.size();
    }

    private List<PendingRow> readPending() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, record_key, payload from outbox_event where sent_at is null order by id limit ?")) {
            select.setInt(1, config.batchSize());
            List<PendingRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    private void record(List<Long> sent, List<Long> failed, String error) throws SQLException {
        if (!sent.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "update outbox_event set sent_at = now(), attempts = attempts + 1 where id = any(?)")) {
                update.setArray(1, ids(sent));
                update.executeUpdate();
            }
        }
        if (!failed.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "update outbox_event set attempts = attempts + 1, last_error = ? where id = any(?)")) {
                update.setString(1, error);
                update.setArray(2, ids(failed));
                update.executeUpdate();
            }
        }
    }

    private Array ids(List<Long> ids) throws SQLException {
        return connection.createArrayOf("bigint", ids.toArray());
    }

    private static String errorOf(Future<RecordMetadata> ack, Duration wait) throws InterruptedException {
        try {
            ack.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (TimeoutException e) {
            return "no acknowledgement within " + ACK_TIMEOUT.toSeconds() + " s";
        }
    }

    private boolean holdsLeadership() throws SQLException {
        if (connection != null) {
            return true;
        }
        Connection candidate = connections.open();
        try (Statement statement = candidate.createStatement();
             ResultSet lock = statement.executeQuery("select pg_try_advisory_lock(" + LEADER_LOCK + ")")) {
            lock.next();
            if (!lock.getBoolean(1)) {
                candidate.close();
                return false;
            }
            statement.execute("listen " + CHANNEL);
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        connection = candidate;
        LOG.info("Outbox relay is publishing for this database");
        return true;
    }

    private void awaitCommit(Duration timeout) throws SQLException {
        // Returns early when a commit adds events, and at once if one did during the round (the driver keeps
        // the notifications that arrived while the round's statements ran on this connection).
        connection.unwrap(PGConnection.class).getNotifications((int) timeout.toMillis());
    }

    private void cleanUpOccasionally() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofHours(1));
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from outbox_event where sent_at < now() - ? * interval '1 second'")) {
            delete.setLong(1, config.retention().toSeconds());
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("Deleted %d published outbox rows past retention", deleted);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close(); // also releases the advisory lock
            } catch (SQLException e) {
                LOG.debug("Closing the outbox relay's connection failed", e);
            }
            connection = null;
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the outbox producer failed", e);
            }
            producer = null;
        }
    }

    private static Duration jitter(Duration base) {
        long millis = base.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private void sleepQuietly(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private record PendingRow(long id, String topic, String key, String payload) {
    }

    static final class OutboxPublishException extends RuntimeException {
        OutboxPublishException(String message) {
            super(message);
        }
    }
}
