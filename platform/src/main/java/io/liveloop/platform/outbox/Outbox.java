package io.liveloop.platform.outbox;

import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Adds events to the outbox inside the caller's transaction: the event is committed together with the state
 * change it describes, or not at all. {@link OutboxRelay} publishes it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, record_key, type, payload) values (?, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;
    private final CloudEvents cloudEvents;

    public Outbox(DataSource dataSource, CloudEvents cloudEvents) {
        this.dataSource = dataSource;
        this.cloudEvents = cloudEvents;
    }

    /** Queues {@code event} for {@code topic}, keyed by its subject (the aggregate id). Needs a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, CloudEvent<?> event) {
        if (event.subject() == null) {
            throw new IllegalArgumentException("event " + event.type() + " has no subject (aggregate id) to key it by");
        }
        // Within a JTA transaction Agroal hands out the connection already enlisted in it, so this insert
        // commits or rolls back with the caller's own writes.
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, topic, event);
        } catch (SQLException e) {
            throw new IllegalStateException("could not add event " + event.type() + " to the outbox", e);
        }
    }

    /** Writes the event's row on {@code connection} (the tests also write it on connections outside the pool). */
    void insert(Connection connection, String topic, CloudEvent<?> event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, topic);
            insert.setString(3, event.subject());
            insert.setString(4, event.type());
            insert.setString(5, cloudEvents.write(event));
            insert.executeUpdate();
        }
    }
}
