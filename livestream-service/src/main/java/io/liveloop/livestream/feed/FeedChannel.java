package io.liveloop.livestream.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One session's feed on this instance: a bounded ring buffer of its recent events and the connected viewers.
 * Publishing and subscribing hold the channel's lock, so a resuming viewer gets the missed events and then the
 * live ones without a gap or a duplicate, and every viewer sees the events in the same order. Each viewer has its
 * own bounded queue: one that falls that far behind is disconnected (it resumes from its last id on reconnect)
 * instead of slowing the others down.
 */
public final class FeedChannel {

    /**
     * A viewer's stream; {@code snapshotId} is null when the viewer resumed, else the id its snapshot must carry,
     * and the snapshot must reflect at least the events up to {@code seq}.
     */
    public record Subscription(Multi<FeedItem> events, String snapshotId, long seq, Runnable cancel) {
    }

    /** The session as a snapshot shows it (JSON), and whether it has ended. */
    public record Snapshot(String data, boolean ended) {
    }

    /** A snapshot read after every event up to {@code seq} had been published, so it reflects all of them. */
    private record Shared(long seq, Snapshot snapshot) {
    }

    record Viewers(int current, int peak) {
    }

    private final UUID sessionId;
    private final int bufferSize;
    private final int queueSize;
    private final String epoch = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    private final ArrayDeque<FeedItem> buffer = new ArrayDeque<>();
    private final Set<UnicastProcessor<FeedItem>> subscribers = new LinkedHashSet<>();
    private long lastSeq;
    private int current;
    private int peak;
    private Viewers announced = new Viewers(0, 0);
    private boolean closed;
    private final Object snapshotReads = new Object();
    private volatile Shared shared;

    FeedChannel(UUID sessionId, int bufferSize, int queueSize) {
        this.sessionId = sessionId;
        this.bufferSize = bufferSize;
        this.queueSize = queueSize;
    }

    synchronized void publish(String name, String data) {
        if (closed) {
            return;
        }
        FeedItem item = FeedItem.event(++lastSeq, epoch, name, data);
        buffer.addLast(item);
        while (buffer.size() > bufferSize) {
            buffer.removeFirst();
        }
        for (UnicastProcessor<FeedItem> s : List.copyOf(subscribers)) {
            s.onNext(item); // a full queue fails that viewer's stream only (its termination removes it)
        }
    }

    synchronized void heartbeat() {
        FeedItem beat = FeedItem.heartbeat();
        for (UnicastProcessor<FeedItem> s : List.copyOf(subscribers)) {
            s.onNext(beat);
        }
    }

    /**
     * Connects a viewer. With a {@code lastEventId} this channel issued and whose successors are all still in the
     * buffer, the viewer gets exactly the events after it; otherwise it needs a fresh snapshot, which the caller
     * sends first with {@link Subscription#snapshotId()} (the id of the last event the snapshot already reflects).
     */
    synchronized Subscription subscribe(String lastEventId) {
        AtomicReference<UnicastProcessor<FeedItem>> self = new AtomicReference<>();
        // Bounded, but allocated as events arrive: ten thousand idle viewers must not each hold an empty array.
        UnicastProcessor<FeedItem> processor = UnicastProcessor.create(
                new LinkedBlockingQueue<>(bufferSize + queueSize), () -> leave(self.get()));
        self.set(processor);
        Long resumeAfter = resumable(lastEventId);
        if (resumeAfter != null) {
            for (FeedItem item : buffer) {
                if (item.seq() > resumeAfter) {
                    processor.onNext(item);
                }
            }
        }
        if (closed) {
            processor.onComplete(); // the session ended: what was missed (its end included), then nothing more
            return new Subscription(processor, resumeAfter != null ? null : lastSeq + "-" + epoch, lastSeq, processor::cancel);
        }
        subscribers.add(processor);
        current++;
        peak = Math.max(peak, current);
        return new Subscription(processor, resumeAfter != null ? null : lastSeq + "-" + epoch, lastSeq, processor::cancel);
    }

    /** Completes every viewer's stream (after the final event) and refuses further events. */
    synchronized void close() {
        closed = true;
        for (UnicastProcessor<FeedItem> s : List.copyOf(subscribers)) {
            s.onComplete();
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
        return subscribers.isEmpty();
    }

    UUID sessionId() {
        return sessionId;
    }

    private synchronized void leave(UnicastProcessor<FeedItem> processor) {
        if (processor != null && subscribers.remove(processor)) {
            current--;
        }
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
}
