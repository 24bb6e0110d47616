package io.liveloop.livestream.feed;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class FeedChannelTest {

    @Test
    void resumesFromAnyIdStillInTheBufferElseAsksForASnapshot() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FakeConnection firstViewer = new FakeConnection();
        FeedChannel.Subscription first = channel.subscribe(null, firstViewer);
        assertThat(first.snapshotId()).as("a new viewer needs a snapshot reflecting nothing yet").startsWith("0-");
        channel.start(first, new FeedChannel.Snapshot("{}", false));
        for (int i = 1; i <= 5; i++) {
            channel.publish("explaining", "{\"n\":" + i + "}");
        }
        String epoch = epochOf(first.snapshotId());

        FakeConnection resumedViewer = new FakeConnection();
        FeedChannel.Subscription resumed = channel.subscribe("3-" + epoch, resumedViewer);
        assertThat(resumed.snapshotId()).isNull();
        channel.close();
        assertThat(resumedViewer.ids()).containsExactly("4-" + epoch, "5-" + epoch);
        assertThat(resumedViewer.ended).isTrue();
        assertThat(firstViewer.names()).as("a live viewer got its snapshot, every event, then the end")
                .containsExactly("snapshot", "explaining", "explaining", "explaining", "explaining", "explaining");
        assertThat(firstViewer.ended).isTrue();
    }

    @Test
    void aGapOlderThanTheBufferOrAForeignIdNeedsASnapshot() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        String epoch = epochOf(channel.subscribe(null, new FakeConnection()).snapshotId());
        for (int i = 1; i <= 5; i++) {
            channel.publish("explaining", "{}");
        }
        assertThat(channel.subscribe("2-" + epoch, new FakeConnection()).snapshotId()).as("3, 4, 5 kept: 2 can resume").isNull();
        assertThat(channel.subscribe("1-" + epoch, new FakeConnection()).snapshotId()).as("2 was dropped").isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("5-other", new FakeConnection()).snapshotId()).isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("9-" + epoch, new FakeConnection()).snapshotId()).isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("garbage", new FakeConnection()).snapshotId()).isEqualTo("5-" + epoch);
    }

    @Test
    void viewersJoiningBetweenTwoChangesShareOneSnapshotRead() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        AtomicInteger reads = new AtomicInteger();
        Supplier<FeedChannel.Snapshot> read = () -> new FeedChannel.Snapshot("{\"read\":" + reads.incrementAndGet() + "}", false);

        FeedChannel.Subscription a = channel.subscribe(null, new FakeConnection());
        FeedChannel.Subscription b = channel.subscribe(null, new FakeConnection());
        assertThat(channel.snapshot(a.seq(), read).data()).isEqualTo("{\"read\":1}");
        assertThat(channel.snapshot(b.seq(), read).data()).as("nothing changed since: shared").isEqualTo("{\"read\":1}");

        channel.publish("explaining", "{}");
        FeedChannel.Subscription c = channel.subscribe(null, new FakeConnection());
        assertThat(channel.snapshot(c.seq(), read).data()).as("a change since: read again").isEqualTo("{\"read\":2}");
        assertThat(channel.snapshot(a.seq(), read).data()).as("newer than a viewer needs is fine").isEqualTo("{\"read\":2}");
        assertThat(reads).hasValue(2);
    }

    @Test
    void eventsPublishedWhileASnapshotIsReadFollowIt() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FakeConnection viewer = new FakeConnection();
        FeedChannel.Subscription subscription = channel.subscribe(null, viewer);
        channel.publish("pinned", "{\"n\":1}");
        channel.publish("stock", "{\"n\":2}");
        assertThat(viewer.frames).as("nothing before the snapshot").isEmpty();

        channel.start(subscription, new FeedChannel.Snapshot("{\"bag\":[]}", false));
        channel.publish("sale", "{\"n\":3}");
        assertThat(viewer.names()).containsExactly("snapshot", "pinned", "stock", "sale");
        assertThat(viewer.frames.get(0).toString()).isEqualTo("id: " + subscription.snapshotId()
                + "\nevent: snapshot\ndata: {\"bag\":[]}\n\n");
    }

    @Test
    void eachEventIsEncodedOnceAndTheSameBytesGoToEveryViewer() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        List<FakeConnection> viewers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeConnection viewer = new FakeConnection();
            channel.start(channel.subscribe(null, viewer), new FeedChannel.Snapshot("{}", false));
            viewers.add(viewer);
        }
        channel.publish("pinned", "{\"line\":\"a\"}");
        Buffer sent = viewers.get(0).frames.get(1);
        assertThat(viewers).allSatisfy(v -> assertThat(v.frames.get(1)).isSameAs(sent));
        assertThat(sent.toString()).matches("id: 1-\\w+\nevent: pinned\ndata: \\{\"line\":\"a\"}\n\n");
    }

    @Test
    void viewersJoiningBetweenTwoChangesGetTheSameSnapshotBytes() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        Supplier<FeedChannel.Snapshot> read = () -> new FeedChannel.Snapshot("{\"bag\":[]}", false);
        FakeConnection a = new FakeConnection();
        FakeConnection b = new FakeConnection();
        FeedChannel.Subscription first = channel.subscribe(null, a);
        FeedChannel.Subscription second = channel.subscribe(null, b);
        channel.start(first, channel.snapshot(first.seq(), read));
        channel.start(second, channel.snapshot(second.seq(), read));
        assertThat(b.frames.get(0)).isSameAs(a.frames.get(0));

        channel.publish("explaining", "{}");
        FakeConnection c = new FakeConnection();
        FeedChannel.Subscription third = channel.subscribe(null, c);
        channel.start(third, channel.snapshot(third.seq(), read));
        assertThat(c.frames.get(0)).as("after a change: a new snapshot, its own id").isNotSameAs(a.frames.get(0));
        assertThat(c.frames.get(0).toString()).startsWith("id: " + third.snapshotId() + "\nevent: snapshot\n");
    }

    @Test
    void multiLineDataIsSentAsOneDataLinePerLine() {
        assertThat(SseFrames.event("7-x", "offer", "{\n\"a\":1\n}").toString())
                .isEqualTo("id: 7-x\nevent: offer\ndata: {\ndata: \"a\":1\ndata: }\n\n");
    }

    @Test
    void viewersAreCountedUntilTheyLeave() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FakeConnection a = new FakeConnection();
        channel.subscribe(null, a);
        channel.subscribe(null, new FakeConnection());
        assertThat(channel.viewers()).isEqualTo(new FeedChannel.Viewers(2, 2));
        a.closeByClient();
        assertThat(channel.viewers()).isEqualTo(new FeedChannel.Viewers(1, 2));
        assertThat(channel.viewersToAnnounce()).isEqualTo(new FeedChannel.Viewers(1, 2));
        assertThat(channel.viewersToAnnounce()).isNull();
        a.closeByClient();
        assertThat(channel.viewers().current()).as("counted once").isEqualTo(1);
    }

    @Test
    void aViewerTooFarBehindIsDisconnectedInsteadOfSlowingOthers() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 2, 2);
        FakeConnection slow = new FakeConnection();
        FakeConnection fast = new FakeConnection();
        channel.start(channel.subscribe(null, slow), new FeedChannel.Snapshot("{}", false));
        channel.start(channel.subscribe(null, fast), new FeedChannel.Snapshot("{}", false));
        channel.publish("stock", "{}");
        slow.backlogFull = true; // it stopped reading: its connection holds as much as a viewer may have waiting
        for (int i = 0; i < 5; i++) {
            channel.publish("stock", "{}");
        }
        assertThat(slow.aborted).isTrue();
        assertThat(slow.names()).containsExactly("snapshot", "stock");
        assertThat(fast.names()).hasSize(7).endsWith("stock");
        assertThat(channel.viewers().current()).isEqualTo(1);
    }

    @Test
    void aViewerWhoseSnapshotTakesTooLongIsDisconnectedOnceTooManyEventsWait() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 2, 2);
        FakeConnection waiting = new FakeConnection();
        FeedChannel.Subscription subscription = channel.subscribe(null, waiting);
        for (int i = 0; i < 3; i++) {
            channel.publish("stock", "{}");
        }
        assertThat(waiting.aborted).isTrue();
        assertThat(channel.viewers().current()).isZero();
        channel.start(subscription, new FeedChannel.Snapshot("{}", false));
        assertThat(waiting.frames).as("nothing is written to a dropped viewer").isEmpty();
    }

    @Test
    void aSessionEndingWhileAViewerWaitsForItsSnapshotEndsItsStreamAfterIt() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FakeConnection viewer = new FakeConnection();
        FeedChannel.Subscription subscription = channel.subscribe(null, viewer);
        channel.publish("ended", "{}");
        channel.close();
        assertThat(viewer.ended).isFalse();
        channel.start(subscription, new FeedChannel.Snapshot("{}", false));
        assertThat(viewer.names()).containsExactly("snapshot", "ended");
        assertThat(viewer.ended).isTrue();
        assertThat(channel.isIdle()).isTrue();
    }

    @Test
    void heartbeatsReachIdleViewers() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FakeConnection viewer = new FakeConnection();
        channel.start(channel.subscribe(null, viewer), new FeedChannel.Snapshot("{}", false));
        channel.heartbeat();
        assertThat(viewer.frames).last().extracting(Buffer::toString).isEqualTo(": heartbeat\n\n");
    }

    private static String epochOf(String id) {
        return id.substring(id.indexOf('-') + 1);
    }

    /** A viewer's connection whose event loop is the calling thread. */
    private static final class FakeConnection implements FeedChannel.Connection {

        final List<Buffer> frames = new ArrayList<>();
        final List<Runnable> onClose = new ArrayList<>();
        boolean backlogFull;
        boolean ended;
        boolean aborted;

        @Override
        public Executor eventLoop() {
            return DIRECT;
        }

        @Override
        public void onClose(Runnable action) {
            onClose.add(action);
        }

        @Override
        public boolean backlogFull() {
            return backlogFull;
        }

        @Override
        public void write(Buffer frame) {
            frames.add(frame);
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void abort() {
            aborted = true;
            closeByClient();
        }

        void closeByClient() {
            onClose.forEach(Runnable::run);
        }

        List<String> names() {
            return frames.stream().map(Buffer::toString).filter(f -> f.contains("event: "))
                    .map(f -> f.substring(f.indexOf("event: ") + 7, f.indexOf('\n', f.indexOf("event: ")))).toList();
        }

        List<String> ids() {
            return frames.stream().map(Buffer::toString).filter(f -> f.startsWith("id: "))
                    .map(f -> f.substring(4, f.indexOf('\n'))).toList();
        }
    }

    private static final Executor DIRECT = Runnable::run;
}
