package io.liveloop.order;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.liveloop.order.OrderFixtures.event;
import static io.liveloop.order.OrderFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

/** Plays livestream-service: publishes live.sessions.v1 events as its issue specifies, and waits until they are read. */
final class LiveSessions {

    static final String TOPIC = "live.sessions.v1";

    private final DataSource db;

    LiveSessions(DataSource db) {
        this.db = db;
    }

    void started(UUID sessionId, UUID hostId) throws Exception {
        publish(TOPIC, sessionId, event("liveloop.session.started", sessionId, "{\"sessionId\":\"" + sessionId
                + "\",\"roomId\":\"" + UUID.randomUUID() + "\",\"hostId\":\"" + hostId + "\",\"startedAt\":\"" + Instant.now() + "\"}"));
        await("select count(*) from live_session where id = ? and status = 'LIVE'", sessionId, 1);
    }

    void ended(UUID sessionId, UUID hostId) throws Exception {
        publish(TOPIC, sessionId, event("liveloop.session.ended", sessionId, "{\"sessionId\":\"" + sessionId
                + "\",\"hostId\":\"" + hostId + "\",\"endedAt\":\"" + Instant.now() + "\"}"));
        await("select count(*) from live_session where id = ? and status = 'ENDED'", sessionId, 1);
    }

    /** pin.added with one offer per SKU: [skuId, livePriceCents, perBuyerLimit (or null), startsAt (or null)]. */
    void pinned(UUID sessionId, UUID hostId, UUID productId, List<Object[]> offers) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (Object[] o : offers) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"skuId\":\"").append(o[0]).append("\",\"livePriceCents\":").append(o[1])
                    .append(",\"perBuyerLimit\":").append(o[2])
                    .append(",\"startsAt\":").append(o[3] == null ? "null" : "\"" + o[3] + "\"").append('}');
        }
        json.append(']');
        publish(TOPIC, sessionId, event("liveloop.pin.added", sessionId, "{\"sessionId\":\"" + sessionId + "\",\"roomId\":\""
                + UUID.randomUUID() + "\",\"hostId\":\"" + hostId + "\",\"productId\":\"" + productId + "\",\"position\":1,\"offers\":" + json + "}"));
        await("select count(*) from live_offer where session_id = ? and product_id = '" + productId + "'", sessionId, offers.size());
    }

    private void await(String sql, UUID sessionId, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (count(sql, sessionId) != expected) {
            assertThat(Instant.now()).as("read model never showed %s for %s", sql, sessionId).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private int count(String sql, UUID sessionId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
