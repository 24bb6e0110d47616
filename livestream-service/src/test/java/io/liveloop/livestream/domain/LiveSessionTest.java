package io.liveloop.livestream.domain;

import io.liveloop.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveSessionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final Room room = new Room(UUID.randomUUID(), "Room", null, NOW);

    @Test
    void lifeIsScheduledThenLiveThenEnded() {
        LiveSession s = new LiveSession(room, "Live", null, NOW);
        assertThat(s.getStatus()).isEqualTo(SessionStatus.SCHEDULED);
        assertIllegal(() -> s.end(NOW), "SCHEDULED");
        s.start(NOW);
        assertThat(s.getStatus()).isEqualTo(SessionStatus.LIVE);
        assertIllegal(() -> s.start(NOW), "LIVE");
        s.end(NOW.plusSeconds(60));
        assertThat(s.getEndedAt()).isEqualTo(NOW.plusSeconds(60));
        assertIllegal(() -> s.end(NOW), "ENDED");
        assertIllegal(() -> s.start(NOW), "ENDED");
        assertIllegal(() -> s.pin(product(), null, List.of(), 10, NOW), "ENDED");
    }

    @Test
    void offersMustBeOnTheProductsSkusAtMostTheListPriceOncePerSku() {
        LiveSession s = new LiveSession(room, "Live", null, NOW);
        ProductToPin p = product();
        UUID sku = p.skus().get(0).skuId();
        assertOfferRefused(s, p, new OfferTerms(UUID.randomUUID(), 100, null, null), "offers[0].skuId");
        assertOfferRefused(s, p, new OfferTerms(sku, 1001, null, null), "offers[0].livePriceCents");
        assertOfferRefused(s, p, new OfferTerms(sku, 0, null, null), "offers[0].livePriceCents");
        Pin pin = s.pin(p, null, List.of(new OfferTerms(sku, 1000, 3, null)), 10, NOW);
        assertThat(pin.getOffers()).containsExactly(new Offer(sku, 1000, 1000, 3, null));
    }

    @Test
    void theBagKeepsPositionsWithoutGapsAndTheExplainedProductInIt() {
        LiveSession s = new LiveSession(room, "Live", null, NOW);
        ProductToPin a = product();
        ProductToPin b = product();
        ProductToPin c = product();
        s.pin(a, null, List.of(), 3, NOW);
        s.pin(b, null, List.of(), 3, NOW);
        s.pin(c, null, List.of(), 3, NOW);
        assertThatThrownBy(() -> s.pin(product(), null, List.of(), 3, NOW)).isInstanceOf(ProblemException.class)
                .extracting("slug").isEqualTo("bag-full");
        assertThatThrownBy(() -> s.pin(a, null, List.of(), 5, NOW)).extracting("slug").isEqualTo("already-pinned");

        List<Pin> changed = s.changePin(c.productId(), 1, null, null, NOW);
        assertThat(changed).extracting(Pin::getProductId).containsExactly(c.productId(), a.productId(), b.productId());
        assertThat(s.bag()).extracting(Pin::getProductId).containsExactly(c.productId(), a.productId(), b.productId());

        assertThat(s.explain(a.productId())).isTrue();
        assertThat(s.explain(a.productId())).isFalse();
        assertThatThrownBy(() -> s.explain(UUID.randomUUID())).extracting("slug").isEqualTo("not-pinned");

        LiveSession.Unpinned unpinned = s.unpin(a.productId(), NOW);
        assertThat(unpinned.explainingCleared()).isTrue();
        assertThat(unpinned.moved()).extracting(Pin::getProductId).containsExactly(b.productId());
        assertThat(s.bag()).extracting(Pin::getPosition).containsExactly(1, 2);
        assertThat(s.getExplainingProductId()).isNull();
        assertThat(s.stopExplaining()).isFalse();
    }

    private static ProductToPin product() {
        return new ProductToPin(UUID.randomUUID(), UUID.randomUUID(), "Dress", null,
                List.of(new PinnedSku(UUID.randomUUID(), "M", Map.of(), 1000)));
    }

    private static void assertIllegal(Runnable move, String state) {
        assertThatThrownBy(move::run).isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    ProblemException p = (ProblemException) e;
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.slug()).isEqualTo("illegal-transition");
                    assertThat(p.extensions()).containsEntry("currentState", state);
                });
    }

    private static void assertOfferRefused(LiveSession s, ProductToPin p, OfferTerms terms, String field) {
        assertThatThrownBy(() -> s.pin(p, null, List.of(terms), 10, NOW)).isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    ProblemException problem = (ProblemException) e;
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.slug()).isEqualTo("invalid-offer");
                    assertThat(problem.errors()).extracting("field").containsExactly(field);
                });
    }
}
