package io.liveloop.livestream.service;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.SessionOrder;
import io.liveloop.livestream.domain.SessionOrder.StatsDelta;
import io.liveloop.livestream.feed.FeedNotice;
import io.liveloop.livestream.feed.FeedNotices;
import io.liveloop.livestream.feed.RoomFeed;
import io.liveloop.livestream.repository.SessionRepository;
import io.liveloop.livestream.repository.StatsRepository;
import io.liveloop.livestream.rest.dto.SessionDtos.ProductStats;
import io.liveloop.livestream.rest.dto.SessionDtos.SaleData;
import io.liveloop.livestream.rest.dto.SessionDtos.StatsResponse;
import io.liveloop.livestream.rest.dto.SessionDtos.StatsViewers;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The funnel of a session: viewers, clicks, orders from orders.v1, and the sales its viewers see. */
@ApplicationScoped
public class StatsService {

    /** An order event as stats read it (see messaging.OrderEvent). */
    public enum OrderChange { PLACED, PAID, COMPLETED, CANCELLED, REFUNDED }

    public record OrderFacts(UUID orderId, UUID sessionId, List<SessionOrder.Line> items, long totalCents,
                             long commissionCents) {
    }

    private final SessionService sessionService;
    private final SessionRepository sessions;
    private final StatsRepository stats;
    private final RoomFeed roomFeed;
    private final FeedNotices feed;
    private final Clock clock;

    public StatsService(SessionService sessionService, SessionRepository sessions, StatsRepository stats,
                        RoomFeed roomFeed, FeedNotices feed, Clock clock) {
        this.sessionService = sessionService;
        this.sessions = sessions;
        this.stats = stats;
        this.roomFeed = roomFeed;
        this.feed = feed;
        this.clock = clock;
    }

    /** A viewer tapped a product card in the bag. */
    @Transactional
    public void click(UUID sessionId, UUID productId) {
        LiveSession session = sessionService.session(sessionId);
        if (session.isEnded()) {
            throw ProblemException.illegalTransition("session", session.getStatus(), "click a product of");
        }
        if (session.pin(productId).isEmpty()) {
            throw new ProblemException(422, "not-pinned", "Product not pinned",
                    "product " + productId + " is not in the bag of session " + sessionId);
        }
        stats.click(sessionId, productId);
    }

    /**
     * A viewer opens the feed of a session (a 404 problem if there is none): counted among its unique viewers.
     * Returns whether the session has ended.
     */
    @Transactional
    public boolean viewerJoined(UUID sessionId, UUID viewerId) {
        LiveSession session = sessionService.session(sessionId);
        stats.recordViewer(sessionId, viewerId, clock.instant());
        return session.isEnded();
    }

    @Transactional
    public StatsResponse stats(UUID sessionId, CurrentUser user) {
        LiveSession session = sessionService.managed(sessionId, user);
        StatsRepository.Totals t = stats.totals(sessionId);
        RoomFeed.Viewers live = roomFeed.viewers(sessionId);
        double conversion = t.uniqueViewers() == 0 ? 0.0
                : BigDecimal.valueOf(t.ordersPaid()).divide(BigDecimal.valueOf(t.uniqueViewers()), 4, RoundingMode.HALF_UP).doubleValue();
        List<ProductStats> products = stats.productTotals(sessionId).stream()
                .map(p -> new ProductStats(p.productId(), p.clicks(), p.ordersPaid(), p.unitsSold(), p.gmvCents())).toList();
        return new StatsResponse(session.getId(), new StatsViewers(live.current(), Math.max(live.peak(), t.peakViewers()),
                t.uniqueViewers()), t.clicks(), t.ordersPlaced(), t.ordersPaid(), t.unitsSold(), t.gmvCents(), conversion,
                t.commissionCents(), products);
    }

    /**
     * Counts an order event of a session of this service (others are ignored), in the caller's inbox transaction.
     * A paid order also tells the session's viewers what sold (product and units, never who bought).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void orderChanged(OrderChange change, OrderFacts facts) {
        Optional<LiveSession> session = sessions.findByIdOptional(facts.sessionId());
        if (session.isEmpty()) {
            return; // attributed to a session this service does not know: not ours to count
        }
        Instant now = clock.instant();
        SessionOrder order = stats.order(facts.orderId()).orElseGet(() -> {
            SessionOrder created = new SessionOrder(facts.orderId(), facts.sessionId(), facts.items(), facts.totalCents(),
                    facts.commissionCents(), now);
            stats.addOrder(created);
            return created;
        });
        StatsDelta delta = switch (change) {
            case PLACED -> order.placed(now);
            case PAID, COMPLETED -> order.paid(now);
            case CANCELLED -> order.cancelled(now);
            case REFUNDED -> order.refunded(now);
        };
        stats.apply(order.getSessionId(), delta);
        LiveSession s = session.get();
        if (change == OrderChange.PAID && delta.ordersPaid() > 0 && !s.isEnded()) {
            order.unitsByProduct().forEach((productId, units) -> {
                if (s.pin(productId).isPresent()) {
                    feed.raise(new FeedNotice(s.getId(), FeedNotice.SALE, new SaleData(productId, units)));
                }
            });
        }
    }
}
