package io.liveloop.livestream.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.Offer;
import io.liveloop.livestream.domain.Pin;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What livestream tells the world (contracts/live.sessions.v1), written to the outbox in the caller's
 * transaction; key and subject are the session id. Pin events carry the offers in full: order-service builds its
 * live-offer read model from them alone. Absent values are written as null, never left out.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String TOPIC = "live.sessions.v1";
    static final String SOURCE = "/livestream-service";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionStarted(UUID sessionId, UUID roomId, UUID hostId, String title, Instant startedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionEnded(UUID sessionId, UUID roomId, UUID hostId, Instant endedAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OfferData(UUID skuId, long livePriceCents, long listPriceCents, Integer perBuyerLimit, Instant startsAt) {
        static OfferData from(Offer o) {
            return new OfferData(o.skuId(), o.livePriceCents(), o.listPriceCents(), o.perBuyerLimit(), o.startsAt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PinData(UUID sessionId, UUID roomId, UUID hostId, UUID productId, UUID shopId, int position, String note,
                          List<OfferData> offers) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PinRemoved(UUID sessionId, UUID hostId, UUID productId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ExplainingChanged(UUID sessionId, UUID productId) {
    }

    private final Outbox outbox;

    public LiveEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void sessionStarted(LiveSession s) {
        add("liveloop.session.started", s, new SessionStarted(s.getId(), s.getRoomId(), s.getHostId(), s.getTitle(), s.getStartedAt()));
    }

    public void sessionEnded(LiveSession s) {
        add("liveloop.session.ended", s, new SessionEnded(s.getId(), s.getRoomId(), s.getHostId(), s.getEndedAt()));
    }

    public void pinAdded(LiveSession s, Pin pin) {
        add("liveloop.pin.added", s, pinData(s, pin));
    }

    public void pinUpdated(LiveSession s, Pin pin) {
        add("liveloop.pin.updated", s, pinData(s, pin));
    }

    public void pinRemoved(LiveSession s, Pin pin) {
        add("liveloop.pin.removed", s, new PinRemoved(s.getId(), s.getHostId(), pin.getProductId()));
    }

    public void explainingChanged(LiveSession s) {
        add("liveloop.explaining.changed", s, new ExplainingChanged(s.getId(), s.getExplainingProductId()));
    }

    private static PinData pinData(LiveSession s, Pin pin) {
        return new PinData(s.getId(), s.getRoomId(), s.getHostId(), pin.getProductId(), pin.getShopId(), pin.getPosition(),
                pin.getNote(), pin.getOffers().stream().map(OfferData::from).toList());
    }

    private void add(String type, LiveSession s, Object data) {
        outbox.add(TOPIC, CloudEvent.of(type, SOURCE, s.getId().toString(), data));
    }
}
