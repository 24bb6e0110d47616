package io.liveloop.livestream.feed;

import io.smallrye.mutiny.subscription.BackPressureFailure;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedChannelTest {

    @Test
    void resumesFromAnyIdStillInTheBufferElseAsksForASnapshot() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FeedChannel.Subscription first = channel.subscribe(null);
        assertThat(first.snapshotId()).as("a new viewer needs a snapshot reflecting nothing yet").startsWith("0-");
        for (int i = 1; i <= 5; i++) {
            channel.publish("explaining", "{\"n\":" + i + "}");
        }
        String epoch = epochOf(first.snapshotId());

        FeedChannel.Subscription resumed = channel.subscribe("3-" + epoch);
        assertThat(resumed.snapshotId()).isNull();
        channel.close();
        assertThat(resumed.events().collect().asList().await().indefinitely())
                .extracting(FeedItem::id).containsExactly("4-" + epoch, "5-" + epoch);
        assertThat(first.events().collect().asList().await().indefinitely()).extracting(FeedItem::name)
                .as("a live viewer got every event, then the end").hasSize(5).containsOnly("explaining");
    }

    @Test
    void aGapOlderThanTheBufferOrAForeignIdNeedsASnapshot() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        String epoch = epochOf(channel.subscribe(null).snapshotId());
        for (int i = 1; i <= 5; i++) {
            channel.publish("explaining", "{}");
        }
        assertThat(channel.subscribe("2-" + epoch).snapshotId()).as("3, 4, 5 kept: 2 can resume").isNull();
        assertThat(channel.subscribe("1-" + epoch).snapshotId()).as("2 was dropped").isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("5-other").snapshotId()).isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("9-" + epoch).snapshotId()).isEqualTo("5-" + epoch);
        assertThat(channel.subscribe("garbage").snapshotId()).isEqualTo("5-" + epoch);
    }

    @Test
    void viewersJoiningBetweenTwoChangesShareOneSnapshotRead() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        AtomicInteger reads = new AtomicInteger();
        Supplier<FeedChannel.Snapshot> read = () -> new FeedChannel.Snapshot("{\"read\":" + reads.incrementAndGet() + "}", false);

        FeedChannel.Subscription a = channel.subscribe(null);
        FeedChannel.Subscription b = channel.subscribe(null);
        assertThat(channel.snapshot(a.seq(), read).data()).isEqualTo("{\"read\":1}");
        assertThat(channel.snapshot(b.seq(), read).data()).as("nothing changed since: shared").isEqualTo("{\"read\":1}");

        channel.publish("explaining", "{}");
        FeedChannel.Subscription c = channel.subscribe(null);
        assertThat(channel.snapshot(c.seq(), read).data()).as("a change since: read again").isEqualTo("{\"read\":2}");
        assertThat(channel.snapshot(a.seq(), read).data()).as("newer than a viewer needs is fine").isEqualTo("{\"read\":2}");
        assertThat(reads).hasValue(2);
    }

    @Test
    void viewersAreCountedUntilTheyLeave() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 3, 10);
        FeedChannel.Subscription a = channel.subscribe(null);
        channel.subscribe(null);
        assertThat(channel.viewers()).isEqualTo(new FeedChannel.Viewers(2, 2));
        a.events().subscribe().with(x -> { });
        a.cancel().run();
        assertThat(channel.viewers()).isEqualTo(new FeedChannel.Viewers(1, 2));
        assertThat(channel.viewersToAnnounce()).isEqualTo(new FeedChannel.Viewers(1, 2));
        assertThat(channel.viewersToAnnounce()).isNull();
    }

    @Test
    void aViewerTooFarBehindIsDisconnectedInsteadOfSlowingOthers() {
        FeedChannel channel = new FeedChannel(UUID.randomUUID(), 2, 2);
        FeedChannel.Subscription slow = channel.subscribe(null);
        for (int i = 0; i < 5; i++) {
            channel.publish("stock", "{}");
        }
        assertThat(channel.viewers().current()).isZero();
        assertThatThrownBy(() -> slow.events().collect().asList().await().indefinitely())
                .isInstanceOf(BackPressureFailure.class);
    }

    private static String epochOf(String id) {
        return id.substring(id.indexOf('-') + 1);
    }
}
