package io.liveloop.livestream.service;

import io.liveloop.livestream.client.CatalogClient;
import io.liveloop.livestream.client.CatalogProduct;
import io.liveloop.livestream.config.LivestreamConfig;
import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.OfferTerms;
import io.liveloop.livestream.domain.Pin;
import io.liveloop.livestream.domain.PinnedSku;
import io.liveloop.livestream.domain.ProductToPin;
import io.liveloop.livestream.feed.FeedNotice;
import io.liveloop.livestream.feed.FeedNotices;
import io.liveloop.livestream.repository.SessionRepository;
import io.liveloop.livestream.repository.StockRepository;
import io.liveloop.livestream.rest.dto.SessionDtos.ChangePinRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.ExplainingResponse;
import io.liveloop.livestream.rest.dto.SessionDtos.OfferRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.PinRequest;
import io.liveloop.livestream.rest.dto.SessionDtos.PinView;
import io.liveloop.livestream.rest.dto.SessionDtos.UnpinnedData;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.linkpolicy.OutboundLinkGuard;
import io.liveloop.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The bag: pin (after catalog confirms the product may be pinned), change, unpin, the product being explained. */
@ApplicationScoped
public class BagService {

    private static final Logger LOG = Logger.getLogger(BagService.class);

    /** Which pinnability condition failed; sent as the problem's {@code reason}. */
    public enum NotPinnable { UNKNOWN_PRODUCT, NOT_ON_SALE, QUALITY_CHECK_NOT_PASSED, HOST_NOT_AUTHORIZED }

    private final SessionService sessionService;
    private final SessionRepository sessions;
    private final StockRepository stock;
    private final CatalogClient catalog;
    private final SessionViews views;
    private final LiveEvents events;
    private final FeedNotices feed;
    private final OutboundLinkGuard links;
    private final LivestreamConfig config;
    private final Clock clock;

    public BagService(SessionService sessionService, SessionRepository sessions, StockRepository stock, CatalogClient catalog,
                      SessionViews views, LiveEvents events, FeedNotices feed, OutboundLinkGuard links,
                      LivestreamConfig config, Clock clock) {
        this.sessionService = sessionService;
        this.sessions = sessions;
        this.stock = stock;
        this.catalog = catalog;
        this.views = views;
        this.events = events;
        this.feed = feed;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Pins a product after asking catalog (outside the transaction: no database connection is held while catalog
     * answers); the state checks run again inside the transaction, against the session as it is then.
     */
    public PinView pin(UUID sessionId, CurrentUser user, PinRequest request) {
        LiveSession before = sessionService.managed(sessionId, user);
        if (before.isEnded()) {
            throw ProblemException.illegalTransition("session", before.getStatus(), "pin to");
        }
        if (request.note() != null) {
            links.requireNoOutboundLinks(Map.of("note", request.note()));
        }
        CatalogProduct product = catalog.product(request.productId())
                .orElseThrow(() -> notPinnable(NotPinnable.UNKNOWN_PRODUCT, "product " + request.productId() + " does not exist in catalog"));
        requirePinnable(product, before.getHostId());
        return pinChecked(sessionId, user, product, request);
    }

    @Transactional
    PinView pinChecked(UUID sessionId, CurrentUser user, CatalogProduct product, PinRequest request) {
        LiveSession session = sessionService.managedForChange(sessionId, user);
        Instant now = clock.instant();
        ProductToPin toPin = new ProductToPin(product.id(), product.shopId(), product.title(), product.imageUrl(),
                product.skus().stream().map(s -> new PinnedSku(s.id(), s.skuCode(), s.attributes(), s.listPriceCents())).toList());
        Pin pin = session.pin(toPin, blankToNull(request.note()), terms(request.offers()), config.maxPins(), now);
        product.skus().forEach(s -> stock.seed(s.id(), product.id(), s.available(), now));
        sessions.flush();
        events.pinAdded(session, pin);
        PinView view = views.pinView(session, pin);
        feed.raise(new FeedNotice(sessionId, FeedNotice.PINNED, view));
        return view;
    }

    @Transactional
    public PinView change(UUID sessionId, UUID productId, CurrentUser user, ChangePinRequest request) {
        LiveSession session = sessionService.managedForChange(sessionId, user);
        if (request.note() != null && !request.note().isBlank()) {
            links.requireNoOutboundLinks(Map.of("note", request.note()));
        }
        List<Pin> changed = session.changePin(productId, request.position(), request.note(),
                request.offers() == null ? null : terms(request.offers()), clock.instant());
        sessions.flush();
        for (Pin pin : changed) {
            events.pinUpdated(session, pin);
            feed.raise(new FeedNotice(sessionId, FeedNotice.OFFER, views.pinView(session, pin)));
        }
        return views.pinView(session, changed.get(0));
    }

    @Transactional
    public void unpin(UUID sessionId, UUID productId, CurrentUser user) {
        unpin(sessionService.managedForChange(sessionId, user), productId);
    }

    /** A product delisted in catalog leaves every bag it is in (sessions not ended). */
    @Transactional
    public void unpinEverywhere(UUID productId) {
        for (UUID sessionId : sessions.openWithPinned(productId)) {
            LiveSession session = sessions.lockedForChange(sessionId).orElseThrow();
            if (!session.isEnded() && session.pin(productId).isPresent()) { // as it is now that it is locked
                unpin(session, productId);
                LOG.infof("Unpinned delisted product %s from session %s", productId, sessionId);
            }
        }
    }

    @Transactional
    public ExplainingResponse explain(UUID sessionId, UUID productId, CurrentUser user) {
        LiveSession session = sessionService.managedForChange(sessionId, user);
        if (session.explain(productId)) {
            explainingChanged(session);
        }
        return new ExplainingResponse(session.getExplainingProductId());
    }

    @Transactional
    public void stopExplaining(UUID sessionId, CurrentUser user) {
        LiveSession session = sessionService.managedForChange(sessionId, user);
        if (session.stopExplaining()) {
            explainingChanged(session);
        }
    }

    private void unpin(LiveSession session, UUID productId) {
        LiveSession.Unpinned result = session.unpin(productId, clock.instant());
        sessions.flush();
        events.pinRemoved(session, result.removed());
        feed.raise(new FeedNotice(session.getId(), FeedNotice.UNPINNED, new UnpinnedData(productId)));
        for (Pin moved : result.moved()) {
            events.pinUpdated(session, moved);
            feed.raise(new FeedNotice(session.getId(), FeedNotice.OFFER, views.pinView(session, moved)));
        }
        if (result.explainingCleared()) {
            explainingChanged(session);
        }
    }

    private void explainingChanged(LiveSession session) {
        events.explainingChanged(session);
        feed.raise(new FeedNotice(session.getId(), FeedNotice.EXPLAINING, new ExplainingResponse(session.getExplainingProductId())));
    }

    /** ON_SALE, quality check passed, and the host authorised by the product's shop or the product in the alliance pool. */
    static void requirePinnable(CatalogProduct p, UUID hostId) {
        if (!p.isOnSale()) {
            throw notPinnable(NotPinnable.NOT_ON_SALE, "product " + p.id() + " is not on sale (it is " + p.status() + ")");
        }
        if (!p.passedQualityCheck()) {
            throw notPinnable(NotPinnable.QUALITY_CHECK_NOT_PASSED,
                    "product " + p.id() + " has not passed its quality check (it is " + p.qualityStatus() + ")");
        }
        if (!p.authorizes(hostId) && !p.inAlliancePool()) {
            throw notPinnable(NotPinnable.HOST_NOT_AUTHORIZED, "host " + hostId + " is not authorised by shop " + p.shopId()
                    + " and product " + p.id() + " is not in the alliance pool");
        }
    }

    private static ProblemException notPinnable(NotPinnable reason, String detail) {
        return new ProblemException(422, "product-not-pinnable", "Product cannot be pinned", detail, List.of(),
                Map.of("reason", reason.name()));
    }

    private static List<OfferTerms> terms(List<OfferRequest> offers) {
        if (offers == null) {
            return List.of();
        }
        return offers.stream().map(o -> new OfferTerms(o.skuId(), o.livePriceCents(), o.perBuyerLimit(), o.startsAt())).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
