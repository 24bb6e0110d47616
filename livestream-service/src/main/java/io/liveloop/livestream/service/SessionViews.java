package io.liveloop.livestream.service;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.Pin;
import io.liveloop.livestream.domain.PinnedSku;
import io.liveloop.livestream.domain.Room;
import io.liveloop.livestream.feed.RoomFeed;
import io.liveloop.livestream.repository.RoomRepository;
import io.liveloop.livestream.repository.SessionRepository;
import io.liveloop.livestream.repository.StockRepository;
import io.liveloop.livestream.rest.dto.SessionDtos.OfferView;
import io.liveloop.livestream.rest.dto.SessionDtos.PinView;
import io.liveloop.livestream.rest.dto.SessionDtos.RoomSummary;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionView;
import io.liveloop.livestream.rest.dto.SessionDtos.SkuView;
import io.liveloop.livestream.rest.dto.SessionDtos.ViewersView;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The live room screen (GET session, the feed's snapshot) and the bag items the feed sends. */
@ApplicationScoped
public class SessionViews {

    private final SessionRepository sessions;
    private final RoomRepository rooms;
    private final StockRepository stock;
    private final RoomFeed feed;

    public SessionViews(SessionRepository sessions, RoomRepository rooms, StockRepository stock, RoomFeed feed) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.stock = stock;
        this.feed = feed;
    }

    @Transactional
    public SessionView view(UUID sessionId) {
        LiveSession s = sessions.findByIdOptional(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        Room room = rooms.findById(s.getRoomId());
        List<Pin> bag = s.bag();
        Map<UUID, Integer> levels = stock.available(bag.stream().flatMap(p -> p.getSkus().stream()).map(PinnedSku::skuId).toList());
        RoomFeed.Viewers viewers = feed.viewers(sessionId);
        return new SessionView(s.getId(), s.getRoomId(), s.getHostId(), s.getTitle(), s.getStatus(), s.getScheduledStartAt(),
                s.getStartedAt(), s.getEndedAt(), new RoomSummary(room.getId(), room.getTitle(), room.getCoverImageUrl()),
                new ViewersView(viewers.current(), viewers.peak()), s.getExplainingProductId(),
                bag.stream().map(p -> pinView(s, p, levels)).toList());
    }

    /** A bag item with the current stock of its SKUs; needs the caller's transaction. */
    public PinView pinView(LiveSession s, Pin pin) {
        return pinView(s, pin, stock.available(pin.getSkus().stream().map(PinnedSku::skuId).toList()));
    }

    private static PinView pinView(LiveSession s, Pin p, Map<UUID, Integer> levels) {
        return new PinView(p.getProductId(), p.getShopId(), p.getPosition(), p.getTitle(), p.getImageUrl(), p.getNote(),
                p.getProductId().equals(s.getExplainingProductId()),
                p.getOffers().stream().map(OfferView::from).toList(),
                p.getSkus().stream().map(k -> new SkuView(k.skuId(), k.skuCode(), k.attributes(), k.listPriceCents(),
                        levels.get(k.skuId()))).toList(),
                p.getPinnedAt());
    }
}
