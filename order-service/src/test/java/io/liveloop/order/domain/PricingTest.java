package io.liveloop.order.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PricingTest {

    private final Instant now = Instant.parse("2025-06-01T10:00:00Z");
    private final UUID sku = UUID.randomUUID();

    private LiveSession session(boolean live, boolean ended) {
        LiveSession session = new LiveSession(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), now);
        if (live) {
            session.start(now, now);
        }
        if (ended) {
            session.end(now, now);
        }
        return session;
    }

    private Map<UUID, LiveOffer> offer(LiveSession session, Instant startsAt) {
        return Map.of(sku, new LiveOffer(session.getId(), sku, UUID.randomUUID(), 700, null, startsAt));
    }

    @Test
    void livePriceOnlyWhileLiveAndStarted() {
        LiveSession live = session(true, false);
        assertThat(new Pricing(live, offer(live, null), now).unitPriceCents(sku, 1000)).isEqualTo(700);
        assertThat(new Pricing(live, offer(live, now), now).unitPriceCents(sku, 1000)).isEqualTo(700);
        assertThat(new Pricing(live, offer(live, now.plusSeconds(1)), now).unitPriceCents(sku, 1000)).isEqualTo(1000);
        LiveSession ended = session(true, true);
        assertThat(new Pricing(ended, offer(ended, null), now).unitPriceCents(sku, 1000)).isEqualTo(1000);
        LiveSession scheduled = session(false, false);
        assertThat(new Pricing(scheduled, offer(scheduled, null), now).unitPriceCents(sku, 1000)).isEqualTo(1000);
        assertThat(new Pricing(null, Map.of(), now).unitPriceCents(sku, 1000)).isEqualTo(1000);
        assertThat(new Pricing(live, offer(live, null), now).unitPriceCents(sku, 500)).isEqualTo(500);
    }

    @Test
    void anEndedSessionNeverGoesLiveAgain() {
        LiveSession session = session(true, true);
        session.start(now, now);
        assertThat(session.isLive()).isFalse();
    }
}
