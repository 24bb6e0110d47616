package io.liveloop.order.service;

import io.liveloop.order.domain.LiveOffer;
import io.liveloop.order.domain.LiveSession;
import io.liveloop.order.repository.LiveSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the live-offer read model from live.sessions.v1, so that placing an order never needs livestream-service.
 * Called in the consumer's (inbox) transaction. A session is created by whichever of its events comes first.
 */
@ApplicationScoped
public class LiveOfferModel {

    /** One offer as a pin carries it. */
    public record Offer(UUID skuId, long livePriceCents, Integer perBuyerLimit, Instant startsAt) {
    }

    private final LiveSessionRepository sessions;
    private final Clock clock;

    public LiveOfferModel(LiveSessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionStarted(UUID sessionId, UUID roomId, UUID hostId, Instant startedAt) {
        session(sessionId, roomId, hostId).start(startedAt, clock.instant());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sessionEnded(UUID sessionId, UUID roomId, UUID hostId, Instant endedAt) {
        session(sessionId, roomId, hostId).end(endedAt, clock.instant());
    }

    /** pin.added and pin.updated: the product's offers in the session are exactly these from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pinChanged(UUID sessionId, UUID roomId, UUID hostId, UUID productId, List<Offer> offers) {
        session(sessionId, roomId, hostId);
        sessions.replaceOffers(sessionId, productId, offers.stream()
                .map(o -> new LiveOffer(sessionId, o.skuId(), productId, o.livePriceCents(), o.perBuyerLimit(), o.startsAt()))
                .toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pinRemoved(UUID sessionId, UUID productId) {
        sessions.removeOffers(sessionId, productId);
    }

    private LiveSession session(UUID sessionId, UUID roomId, UUID hostId) {
        LiveSession session = sessions.lock(sessionId).orElse(null);
        if (session == null) {
            if (hostId == null) {
                throw new IllegalArgumentException("first event of session " + sessionId + " carries no hostId");
            }
            session = new LiveSession(sessionId, roomId, hostId, clock.instant());
            sessions.persist(session);
        } else {
            session.describe(roomId, hostId);
        }
        return session;
    }
}
