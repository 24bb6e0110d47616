package io.liveloop.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Makes a consumer idempotent: the event id is recorded in the same transaction as the consumer's effect, so
 * an event delivered twice (Kafka redelivery, an outbox republish) has its effect once. Two deliveries racing
 * each other serialise on the inbox's primary key: the second waits for the first to commit, then skips.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = """
            insert into inbox_event (consumer, event_id) values (?, ?) on conflict do nothing
            """;

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
