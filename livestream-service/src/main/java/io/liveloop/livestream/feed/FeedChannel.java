package io.liveloop.livestream.feed;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One session's feed on this instance: a bounded ring buffer of its recent events and the connected viewers.
 *
 * <p>Each event is encoded once ({@link SseFrames}) and the same bytes are written to every viewer. Viewers are
 * grouped by the event loop that serves their connection; publishing hands each group one task, and that event loop
 * writes the event to its own connections. A group's viewers are only ever touched on its event loop. Publishing and
 * subscribing hold the channel's lock while they hand out those tasks, and an event loop runs its tasks in order, so
 * a resuming viewer gets the missed events and then the live ones without a gap or a duplicate, and every viewer
 * sees the events in the same order. A viewer whose connection cannot take more (its backlog is full) is
 * disconnected (it resumes from its last id on reconnect) instead of holding memory or slowing the others down.
 */
public final class FeedChannel {

    /**
     * Where one viewer's bytes go. Every method but {@link #eventLoop()} is called on that event loop.
     */
    public interface Connection {
        /** The event loop that serves this connection. */
        Executor eventLoop();

        /** Runs {@code action} once the connection closes (at once if it already has). */
        void onClose(Runnable action);

        /** Whether the connection already holds as much unsent data as a viewer may have waiting. */
        boolean backlogFull();

        void write(Buffer frame);

        /** Ends the stream normally (the session ended). */
        void end();

        /** Drops the connection (a viewer too far behind); its app reconnects and resumes. */
        void abort();
    }

    /**
     * A viewer's place in the feed; {@code snapshotId} is null when the viewer resumed, else the id its snapshot must
     * carry, and the snapshot must reflect at least the events up to {@code seq}.
     */
    record Subscription(Viewer viewer, String snapshotId, long seq) {
    }

    /** The session as a snapshot shows it (JSON), and whether it has ended. */
    public record Snapshot(String data, boolean ended) {
    }

    /** A snapshot read after every event up to {@code seq} had been published, so it reflects all of them. */
    private record Shared(long seq, Snapshot snapshot) {
    }

    record Viewers(int current, int peak) {
    }

    private record Event(long seq, Buffer frame) {
    }

    private final UUID sessionId;
    private final int bufferSize;
    private final int waitingLimit;
    private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    private final ArrayDeque<Event> buffer = new ArrayDeque<>();
    private final Map<Executor, Loop> loops = new LinkedHashMap<>();
    private long lastSeq;
    private int current;
    private int peak;
    private Viewers announced = new Viewers(0, 0);
    private boolean closed;
    private final Object snapshotReads = new Object();
    private volatile Shared shared;
    private Snapshot lastSnapshot;
    private String lastSnapshotId;
    private Buffer lastSnapshotFrame;

    FeedChannel(UUID sessionId, int bufferSize, int waitingLimit) {
        this.sessionId = sessionId;
        this.bufferSize = bufferSize;
        this.waitingLimit = waitingLimit;
    }

    synchronized void publish(String name, String data) {
        if (closed) {
            return;
        }
        long seq = ++lastSeq;
        Event event = new Event(seq, SseFrames.event(id(seq), name, data));
        buffer.addLast(event);
        while (buffer.size() > bufferSize) {
            buffer.removeFirst();
        }
        for (Loop loop : loops.values()) {
            loop.send(event.frame());
        }
    }

    synchronized void heartbeat() {
        for (Loop loop : loops.values()) {
            loop.heartbeat();
        }
    }

    /**
     * Connects a viewer. With a {@code lastEventId} this channel issued and whose successors are all still in the
     * buffer, the viewer gets exactly the events after it; otherwise it needs a fresh snapshot, which the caller reads
     * and hands to {@link #start} (events published meanwhile wait for it); its id is
     * {@link Subscription#snapshotId()} (the id of the last event the snapshot already reflects).
     */
    synchronized Subscription subscribe(String lastEventId, Connection connection) {
        Long resumeAfter = resumable(lastEventId);
        Viewer viewer = new Viewer(this, connection, resumeAfter == null);
        String snapshotId = resumeAfter != null ? null : id(lastSeq);
        List<Buffer> missed = new ArrayList<>();
        if (resumeAfter != null) {
            for (Event event : buffer) {
                if (event.seq() > resumeAfter) {
                    missed.add(event.frame());
                }
            }
        }
        Loop loop = loops.computeIfAbsent(connection.eventLoop(), Loop::new);
        if (closed) { // the session ended: what was missed (its end included), then nothing more
            loop.execute(() -> viewer.join(missed, true));
            return new Subscription(viewer, snapshotId, lastSeq);
        }
        viewer.counted = true;
        current++;
        peak = Math.max(peak, current);
        loop.execute(() -> {
            if (viewer.join(missed, false)) {
                loop.viewers.add(viewer);
            }
        });
        return new Subscription(viewer, snapshotId, lastSeq);
    }

    /** Sends a subscribed viewer its snapshot, then what was published since it subscribed; ends it if the session ended. */
    void start(Subscription subscription, Snapshot snapshot) {
        Viewer viewer = subscription.viewer();
        Buffer frame = snapshotFrame(subscription.snapshotId(), snapshot);
        loopOf(viewer).execute(() -> viewer.start(frame, snapshot.ended()));
    }

    /** Viewers joining between two changes share one snapshot read, and so one encoding of it too. */
    private synchronized Buffer snapshotFrame(String id, Snapshot snapshot) {
        if (snapshot != lastSnapshot || !id.equals(lastSnapshotId)) {
            lastSnapshot = snapshot;
            lastSnapshotId = id;
            lastSnapshotFrame = SseFrames.event(id, FeedNotice.SNAPSHOT, snapshot.data());
        }
        return lastSnapshotFrame;
    }

    /** Forgets a subscribed viewer before anything was sent to it (its snapshot could not be read). */
    void cancel(Subscription subscription) {
        Viewer viewer = subscription.viewer();
        Loop loop = loopOf(viewer);
        loop.execute(() -> {
            viewer.gone = true;
            loop.viewers.remove(viewer);
        });
        leave(viewer);
    }

    /** Ends every viewer's stream (after the final event) and refuses further events. */
    synchronized void close() {
        closed = true;
        for (Loop loop : loops.values()) {
            loop.endAll();
        }
    }

    /**
     * A snapshot for a viewer who subscribed at {@code seq}: the one read last if it reflects every event up to
     * {@code seq}, else a new one read now (one reader at a time; viewers arriving meanwhile share its result). When
     * thousands of viewers join at once they cost one read per change of the session, not one read each. A shared
     * snapshot may reflect events after {@code seq} too; the viewer then gets them once more, which changes nothing
     * (every event states a new value).
     */
    Snapshot snapshot(long seq, Supplier<Snapshot> read) {
        Shared last = shared;
        if (last != null && last.seq() >= seq) {
            return last.snapshot();
        }
        synchronized (snapshotReads) {
            last = shared;
            if (last != null && last.seq() >= seq) {
                return last.snapshot();
            }
            long published = lastSeq(); // before reading: whatever was published by now has committed
            Shared fresh = new Shared(published, read.get());
            shared = fresh;
            return fresh.snapshot();
        }
    }

    private synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized Viewers viewers() {
        return new Viewers(current, peak);
    }

    /** The viewer counts if they changed since last announced, else null. */
    synchronized Viewers viewersToAnnounce() {
        Viewers now = new Viewers(current, peak);
        if (now.equals(announced)) {
            return null;
        }
        announced = now;
        return now;
    }

    synchronized boolean isIdle() {
        return current == 0;
    }

    UUID sessionId() {
        return sessionId;
    }

    /** A viewer's connection closed (or was closed): it no longer counts. Idempotent. */
    synchronized void leave(Viewer viewer) {
        if (viewer.counted) {
            viewer.counted = false;
            current--;
        }
    }

    private synchronized Loop loopOf(Viewer viewer) {
        return loops.get(viewer.connection.eventLoop());
    }

    private String id(long seq) {
        return seq + "-" + epoch;
    }

    private Long resumable(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        String[] parts = lastEventId.strip().split("-", 2);
        if (parts.length != 2 || !parts[1].equals(epoch)) {
            return null; // issued before this channel existed (another instance, a restart): snapshot
        }
        long seq;
        try {
            seq = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (seq > lastSeq || seq < 0) {
            return null;
        }
        long oldest = buffer.isEmpty() ? lastSeq + 1 : buffer.peekFirst().seq();
        return seq >= oldest - 1 ? seq : null; // older than the buffer reaches: the gap cannot be filled
    }

    /** The viewers one event loop serves; {@link #viewers} is only touched on that event loop. */
    private static final class Loop {

        private final Executor eventLoop;
        private final Set<Viewer> viewers = new HashSet<>();

        Loop(Executor eventLoop) {
            this.eventLoop = eventLoop;
        }

        void execute(Runnable task) {
            eventLoop.execute(task);
        }

        void send(Buffer frame) {
            execute(() -> each(v -> v.send(frame)));
        }

        void heartbeat() {
            execute(() -> each(Viewer::heartbeat));
        }

        void endAll() {
            execute(() -> each(Viewer::endOrEndAfterSnapshot));
        }

        /** Applies {@code action} to every viewer, then forgets the ones it finished (they may close meanwhile). */
        private void each(java.util.function.Consumer<Viewer> action) {
            List<Viewer> finished = null;
            for (Viewer v : viewers) {
                action.accept(v);
                if (v.gone) {
                    if (finished == null) {
                        finished = new ArrayList<>();
                    }
                    finished.add(v);
                }
            }
            if (finished != null) {
                finished.forEach(viewers::remove);
            }
        }
    }

    /**
     * One connected viewer: its connection and, until its snapshot is written, the events that wait for it. Its
     * state is only touched on its connection's event loop, except {@link #counted} (the channel's lock).
     */
    static final class Viewer {

        private final FeedChannel channel;
        private final Connection connection;
        private ArrayDeque<Buffer> waiting;
        private boolean endAfterSnapshot;
        private boolean gone;
        private boolean counted;

        private Viewer(FeedChannel channel, Connection connection, boolean needsSnapshot) {
            this.channel = channel;
            this.connection = connection;
            this.waiting = needsSnapshot ? new ArrayDeque<>() : null;
        }

        /** Its connection closed: stop writing to it (the loop forgets it on its next pass). */
        private void closed() {
            gone = true;
            channel.leave(this);
        }

        /** Writes what it missed; with {@code end}, ends the stream after it. True if it stays to receive events. */
        private boolean join(List<Buffer> missed, boolean end) {
            connection.onClose(this::closed);
            if (gone) {
                return false;
            }
            missed.forEach(connection::write);
            if (end && waiting == null) {
                finish();
                return false;
            }
            endAfterSnapshot = end;
            return !end;
        }

        private void start(Buffer snapshot, boolean ended) {
            if (gone) {
                return;
            }
            connection.write(snapshot);
            ArrayDeque<Buffer> pending = waiting;
            waiting = null;
            if (ended) {
                finish(); // it ended while this viewer connected: nothing after the snapshot
                return;
            }
            for (Buffer frame : pending) {
                connection.write(frame);
            }
            if (endAfterSnapshot) {
                finish();
            }
        }

        private void send(Buffer frame) {
            if (gone) {
                return;
            }
            if (waiting != null) {
                if (waiting.size() >= channel.waitingLimit) {
                    drop();
                } else {
                    waiting.addLast(frame);
                }
                return;
            }
            if (connection.backlogFull()) {
                drop();
                return;
            }
            connection.write(frame);
        }

        private void heartbeat() {
            if (!gone && waiting == null && !connection.backlogFull()) {
                connection.write(SseFrames.HEARTBEAT);
            }
        }

        private void endOrEndAfterSnapshot() {
            if (gone) {
                return;
            }
            if (waiting != null) {
                endAfterSnapshot = true;
            } else {
                finish();
            }
        }

        private void finish() {
            gone = true;
            channel.leave(this);
            connection.end();
        }

        private void drop() {
            gone = true;
            channel.leave(this);
            connection.abort();
        }
    }
}
