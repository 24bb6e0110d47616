package io.liveloop.livestream.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.livestream.config.LivestreamConfig;
import io.liveloop.livestream.repository.StatsRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The room feeds of this instance: one {@link FeedChannel} per session with recent events and connected viewers.
 * Use cases raise {@link FeedNotice}s through {@link FeedNotices}; they reach viewers once their transaction committed.
 *
 * <p>The buffer and the viewer counts live in this process: this assumes one instance of the service. Several
 * instances would each see only the changes made through them; a multi-instance deployment needs every instance
 * to fan out from a shared source instead (each consuming {@code live.sessions.v1} plus stock and order events
 * from Kafka with its own consumer group and numbering events from the Kafka offsets), which this design allows
 * without changing the feed's wire format.
 */
@ApplicationScoped
public class RoomFeed {

    private static final Logger LOG = Logger.getLogger(RoomFeed.class);

    public record Viewers(int current, int peak) {
    }

    private final Map<UUID, FeedChannel> channels = new ConcurrentHashMap<>();
    private final LivestreamConfig.Feed config;
    private final ObjectMapper json;
    private final StatsRepository stats;
    private final ScheduledExecutorService ticker;

    public RoomFeed(LivestreamConfig config, ObjectMapper json, StatsRepository stats) {
        this.config = config.feed();
        this.json = json;
        this.stats = stats;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "room-feed-ticker");
            t.setDaemon(true);
            return t;
        });
        long beat = this.config.heartbeat().toMillis();
        ticker.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        long viewers = this.config.viewersEvery().toMillis();
        ticker.scheduleAtFixedRate(this::announceViewers, viewers, viewers, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        channels.values().forEach(FeedChannel::close);
    }

    /** Sends a change to the session's viewers (and its buffer); {@code ended} also closes their streams. */
    void publish(FeedNotice notice) {
        FeedChannel channel = channel(notice.sessionId());
        channel.publish(notice.name(), write(notice.data()));
        if (FeedNotice.ENDED.equals(notice.name())) {
            channel.close();
            channels.remove(notice.sessionId(), channel);
        }
    }

    /**
     * Connects a viewer to a session that has not ended: what it missed since {@code lastEventId} when the buffer still
     * holds it, else a snapshot ({@code read} when no shared one is recent enough), then every event as it is
     * published (see {@link FeedChannel}). Blocking: {@code read} queries the database. Subscribes before reading the
     * snapshot, so whatever commits meanwhile reaches the viewer after it (at worst twice, which changes nothing: every
     * event states a new value, not a difference).
     */
    public void subscribe(UUID sessionId, String lastEventId, FeedChannel.Connection connection,
                          Supplier<FeedChannel.Snapshot> read) {
        FeedChannel channel = channel(sessionId);
        FeedChannel.Subscription subscription = channel.subscribe(lastEventId, connection);
        if (subscription.snapshotId() == null) {
            return;
        }
        FeedChannel.Snapshot snapshot;
        try {
            snapshot = channel.snapshot(subscription.seq(), read);
        } catch (RuntimeException e) {
            channel.cancel(subscription);
            throw e;
        }
        if (snapshot.ended()) { // it ended while this viewer connected: its snapshot, then the end
            channel.leave(subscription.viewer());
            channel.start(subscription, snapshot);
            releaseIfIdle(sessionId);
            return;
        }
        channel.start(subscription, snapshot);
    }

    /** Sends a viewer of a session that has ended its snapshot, then ends the stream. */
    public void sendFinal(FeedChannel.Connection connection, String id, String snapshot) {
        Buffer frame = SseFrames.event(id, FeedNotice.SNAPSHOT, snapshot);
        connection.eventLoop().execute(() -> {
            connection.write(frame);
            connection.end();
        });
    }

    /** Drops the session's channel if nobody is connected (a viewer who arrived just as the session ended). */
    void releaseIfIdle(UUID sessionId) {
        channels.computeIfPresent(sessionId, (id, channel) -> channel.isIdle() ? null : channel);
    }

    public Viewers viewers(UUID sessionId) {
        FeedChannel channel = channels.get(sessionId);
        if (channel == null) {
            return new Viewers(0, 0);
        }
        FeedChannel.Viewers v = channel.viewers();
        return new Viewers(v.current(), v.peak());
    }

    public String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("feed data cannot be written as JSON: " + data, e);
        }
    }

    private FeedChannel channel(UUID sessionId) {
        return channels.computeIfAbsent(sessionId, id -> new FeedChannel(id, config.bufferSize(), config.subscriberQueue()));
    }

    private void heartbeat() {
        channels.values().forEach(FeedChannel::heartbeat);
    }

    /** Announces changed viewer counts (at most once a period, not per connection) and keeps the peak in the stats. */
    private void announceViewers() {
        for (FeedChannel channel : channels.values()) {
            try {
                FeedChannel.Viewers v = channel.viewersToAnnounce();
                if (v != null) {
                    channel.publish(FeedNotice.VIEWERS, write(new Viewers(v.current(), v.peak())));
                    QuarkusTransaction.requiringNew().run(() -> stats.raisePeakViewers(channel.sessionId(), v.peak()));
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not announce the viewers of session %s", channel.sessionId());
            }
        }
    }
}
