package io.liveloop.order.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.order.messaging.LiveSessionEvents.PinChanged;
import io.liveloop.order.messaging.LiveSessionEvents.PinRemoved;
import io.liveloop.order.messaging.LiveSessionEvents.SessionEnded;
import io.liveloop.order.messaging.LiveSessionEvents.SessionStarted;
import io.liveloop.order.service.LiveOfferModel;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Builds the live-offer read model from {@code live.sessions.v1}: sessions started and ended, pins added, updated
 * and removed with their offers. Each event has its effect once (inbox); a failing effect is retried, and if it keeps
 * failing the channel fails (readiness goes down) rather than skipping it. Records that cannot be read are logged
 * and skipped: retrying them cannot help.
 */
@ApplicationScoped
public class LiveSessionEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LiveSessionEventsConsumer.class);
    static final String CONSUMER = "order-live-offers";

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final LiveOfferModel model;

    public LiveSessionEventsConsumer(CloudEvents cloudEvents, Inbox inbox, LiveOfferModel model) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.model = model;
    }

    @Incoming("live-sessions")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onSessionEvent(String value) {
        CloudEvent<JsonNode> event;
        Runnable effect;
        try {
            event = cloudEvents.read(value);
            effect = effect(event);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping a record on live.sessions.v1 that cannot be read: %s", e.getMessage());
            return;
        }
        if (effect != null && !inbox.handleOnce(CONSUMER, event.id(), effect)) {
            LOG.debugf("Event %s (%s) was handled before", event.id(), event.type());
        }
    }

    private Runnable effect(CloudEvent<JsonNode> event) {
        switch (event.type()) {
            case "liveloop.session.started" -> {
                SessionStarted s = cloudEvents.data(event, SessionStarted.class);
                UUID sessionId = sessionId(s.sessionId(), event);
                return () -> model.sessionStarted(sessionId, s.roomId(), s.hostId(),
                        s.startedAt() == null ? event.time() : s.startedAt());
            }
            case "liveloop.session.ended" -> {
                SessionEnded s = cloudEvents.data(event, SessionEnded.class);
                UUID sessionId = sessionId(s.sessionId(), event);
                return () -> model.sessionEnded(sessionId, s.roomId(), s.hostId(),
                        s.endedAt() == null ? event.time() : s.endedAt());
            }
            case "liveloop.pin.added", "liveloop.pin.updated" -> {
                PinChanged pin = cloudEvents.data(event, PinChanged.class);
                UUID sessionId = sessionId(pin.sessionId(), event);
                if (pin.productId() == null) {
                    throw new IllegalArgumentException("event " + event.id() + " (" + event.type() + ") has no productId");
                }
                List<LiveOfferModel.Offer> offers = pin.offers() == null ? List.of() : pin.offers().stream()
                        .map(o -> new LiveOfferModel.Offer(o.skuId(), o.livePriceCents(), o.perBuyerLimit(), o.startsAt()))
                        .toList();
                return () -> model.pinChanged(sessionId, pin.roomId(), pin.hostId(), pin.productId(), offers);
            }
            case "liveloop.pin.removed" -> {
                PinRemoved pin = cloudEvents.data(event, PinRemoved.class);
                UUID sessionId = sessionId(pin.sessionId(), event);
                return () -> model.pinRemoved(sessionId, pin.productId());
            }
            default -> {
                return null; // explaining.changed and others: nothing to do with prices
            }
        }
    }

    private static UUID sessionId(UUID fromData, CloudEvent<JsonNode> event) {
        return fromData != null ? fromData : UUID.fromString(event.subject());
    }
}
