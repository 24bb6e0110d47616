package io.liveloop.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the consumer's effect, so
 * an event delivered twice (Kafka redelivery, an outbox republish) has its effect once. Two deliveries racing
 * each other serialise on the inbox's primary key: the second waits for the first to commit, then skips.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String RECORD = """
            insert into inbox_event (consumer, event_id) values (?, ?) on conflict do nothing
            """;

    /** One event's effect, to have once: the event's id (and type, for the log) and what it does. */
    public record Delivery(String eventId, String type, Runnable effect) {
    }

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code effect} in a transaction unless {@code consumer} already handled {@code eventId}.
     *
     * @return true if the effect ran, false for a duplicate
     */
    @Transactional
    public boolean handleOnce(String consumer, String eventId, Runnable effect) {
        if (!firstDelivery(consumer, eventId)) {
            return false;
        }
        effect.run();
        return true;
    }

    /**
     * Has each delivery its effect once, all in one transaction, in the order given: what a consumer in batch mode
     * does with a poll's records (a partition's records come in order, so each aggregate's events stay in order).
     * One commit and one connection hand-over for the batch instead of one per event: under load, events queue and
     * batches grow; a quiet stream gives batches of one.
     *
     * <p>If the batch fails it rolled back whole, and each delivery is handled again in a transaction of its own, in
     * order, stopping at the first that fails (its exception is thrown, for the consumer's retry): one event that
     * cannot be handled holds up only itself and what follows it, never what came before.
     *
     * @return how many effects ran (duplicates are skipped)
     */
    public int handleAll(String consumer, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> handleEach(consumer, deliveries));
        } catch (RuntimeException batchFailed) {
            if (deliveries.size() == 1) {
                throw batchFailed;
            }
            LOG.warnf("A batch of %d events for %s failed (%s); handling them one by one", deliveries.size(), consumer,
                    rootCause(batchFailed).getMessage());
            return handleEach(consumer, deliveries);
        }
    }

    /** In the caller's transaction when there is one (the batch), else each in a transaction of its own. */
    private int handleEach(String consumer, List<Delivery> deliveries) {
        int ran = 0;
        for (Delivery delivery : deliveries) {
            if (handleOnce(consumer, delivery.eventId(), delivery.effect())) {
                ran++;
            } else {
                LOG.debugf("Event %s (%s) was handled before by %s", delivery.eventId(), delivery.type(), consumer);
            }
        }
        return ran;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Records the delivery inside the caller's transaction; false if it was recorded before. For consumers
     * that manage their own transaction boundary; most use {@link #handleOnce}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + eventId + " for " + consumer, e);
        }
    }
}
