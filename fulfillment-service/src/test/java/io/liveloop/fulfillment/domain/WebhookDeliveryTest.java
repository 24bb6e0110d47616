package io.liveloop.fulfillment.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(20), Duration.ofHours(24));

    private static WebhookDelivery delivery() {
        return new WebhookDelivery(UUID.randomUUID(), UUID.randomUUID(), WebhookDelivery.SHIPMENT_REQUESTED, "msg_1", "{}", NOW, NOW);
    }

    private static AttemptResult answer(Integer status, Duration retryAfter) {
        return new AttemptResult(NOW, status, 12, status == null ? "timeout" : "HTTP " + status, null, retryAfter);
    }

    @Test
    void followsTheStandardScheduleThenDies() {
        WebhookDelivery d = delivery();
        for (int attempt = 1; attempt < STANDARD.size(); attempt++) {
            assertThat(d.recordAttempt(answer(500, null), STANDARD, 0, Duration.ofHours(24), NOW))
                    .isEqualTo(WebhookDelivery.Outcome.RETRY_SCHEDULED);
            assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plus(STANDARD.get(attempt)));
        }
        assertThat(d.recordAttempt(answer(null, null), STANDARD, 0, Duration.ofHours(24), NOW))
                .isEqualTo(WebhookDelivery.Outcome.DEAD);
        assertThat(d.getStatus()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(d.getAttempts()).hasSize(10);
    }

    @Test
    void jitterOnlyAddsAndRetryAfterOnlyDelaysWithinItsCap() {
        WebhookDelivery d = delivery();
        d.recordAttempt(answer(500, null), STANDARD, 0.1, Duration.ofHours(24), NOW);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plusMillis(5_500));
        d.recordAttempt(answer(429, Duration.ofHours(1)), STANDARD, 0, Duration.ofHours(24), NOW);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        d.recordAttempt(answer(503, Duration.ofSeconds(1)), STANDARD, 0, Duration.ofHours(24), NOW);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30))); // the schedule asks for longer
        d.recordAttempt(answer(503, Duration.ofDays(30)), STANDARD, 0, Duration.ofHours(24), NOW);
        assertThat(d.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void goneIsFinalAndSuccessSettles() {
        WebhookDelivery gone = delivery();
        assertThat(gone.recordAttempt(answer(410, null), STANDARD, 0, Duration.ofHours(24), NOW))
                .isEqualTo(WebhookDelivery.Outcome.ENDPOINT_GONE);
        assertThat(gone.getStatus()).isEqualTo(DeliveryStatus.DEAD);

        WebhookDelivery ok = delivery();
        assertThat(ok.recordAttempt(answer(204, null), STANDARD, 0, Duration.ofHours(24), NOW))
                .isEqualTo(WebhookDelivery.Outcome.SUCCEEDED);
        assertThat(ok.getNextAttemptAt()).isNull();
        assertThat(ok.cancel(NOW)).isFalse();
    }

    @Test
    void aCancelledDeliveryIgnoresAnAttemptThatWasInFlight() {
        WebhookDelivery d = delivery();
        assertThat(d.cancel(NOW)).isTrue();
        assertThat(d.recordAttempt(answer(200, null), STANDARD, 0, Duration.ofHours(24), NOW))
                .isEqualTo(WebhookDelivery.Outcome.IGNORED);
        assertThat(d.getStatus()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(d.getAttempts()).hasSize(1);
    }
}
