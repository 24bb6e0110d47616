package io.liveloop.livestream.domain;

import io.liveloop.livestream.domain.SessionOrder.StatsDelta;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOrderTest {

    private static final Instant NOW = Instant.now();
    private final UUID product = UUID.randomUUID();

    private SessionOrder order() {
        return new SessionOrder(UUID.randomUUID(), UUID.randomUUID(), List.of(new SessionOrder.Line(product, 2, 3000)), 3000, 300, NOW);
    }

    @Test
    void placedThenPaidCountsOnceEach() {
        SessionOrder o = order();
        assertThat(o.placed(NOW).ordersPlaced()).isEqualTo(1);
        assertThat(o.placed(NOW).isNone()).isTrue();
        StatsDelta paid = o.paid(NOW);
        assertThat(paid).isEqualTo(new StatsDelta(0, 1, 2, 3000, 300, List.of(new SessionOrder.ProductDelta(product, 1, 2, 3000))));
        assertThat(o.paid(NOW).isNone()).isTrue();
        assertThat(o.placed(NOW).isNone()).isTrue();
    }

    @Test
    void paidWithoutPlacedCountsAsPlacedToo() {
        assertThat(order().paid(NOW).ordersPlaced()).isEqualTo(1);
    }

    @Test
    void refundTakesBackThePaymentAndCancellationEverything() {
        SessionOrder refunded = order();
        refunded.placed(NOW);
        refunded.paid(NOW);
        assertThat(refunded.refunded(NOW)).isEqualTo(new StatsDelta(0, -1, -2, -3000, -300,
                List.of(new SessionOrder.ProductDelta(product, -1, -2, -3000))));
        assertThat(refunded.refunded(NOW).isNone()).isTrue();
        assertThat(refunded.paid(NOW).isNone()).as("a refunded order is not counted again").isTrue();

        SessionOrder cancelled = order();
        cancelled.placed(NOW);
        assertThat(cancelled.cancelled(NOW)).isEqualTo(new StatsDelta(-1, 0, 0, 0, 0, List.of()));
        assertThat(cancelled.paid(NOW).isNone()).isTrue();
        assertThat(cancelled.placed(NOW).isNone()).isTrue();
    }
}
