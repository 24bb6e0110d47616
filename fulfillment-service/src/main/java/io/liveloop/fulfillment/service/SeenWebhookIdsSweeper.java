package io.liveloop.fulfillment.service;

import io.liveloop.fulfillment.repository.InboundWebhookRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets inbound webhook-ids after a day. Replays only need remembering a little longer than the signature
 * tolerance (5 min): an older delivery is refused for its timestamp before its id is looked at.
 */
@ApplicationScoped
public class SeenWebhookIdsSweeper {

    private static final Duration KEEP = Duration.ofDays(1);

    private final InboundWebhookRepository seen;
    private final Clock clock;

    public SeenWebhookIdsSweeper(InboundWebhookRepository seen, Clock clock) {
        this.seen = seen;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void forgetOldWebhookIds() {
        seen.forgetBefore(clock.instant().minus(KEEP));
    }
}
