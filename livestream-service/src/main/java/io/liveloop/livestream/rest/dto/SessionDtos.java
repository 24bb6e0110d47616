package io.liveloop.livestream.rest.dto;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.Offer;
import io.liveloop.livestream.domain.SessionStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response records of the session, bag, feed and stats endpoints (the feed's event data too). */
public final class SessionDtos {

    private SessionDtos() {
    }

    public record CreateSessionRequest(@NotBlank @Size(max = 120) String title, Instant scheduledStartAt) {
    }

    public record SessionResponse(UUID id, UUID roomId, UUID hostId, String title, SessionStatus status,
                                  Instant scheduledStartAt, Instant startedAt, Instant endedAt) {
        public static SessionResponse from(LiveSession s) {
            return new SessionResponse(s.getId(), s.getRoomId(), s.getHostId(), s.getTitle(), s.getStatus(),
                    s.getScheduledStartAt(), s.getStartedAt(), s.getEndedAt());
        }
    }

    /** One live offer as the host asks for it; the list price is catalog's. livePriceCents is checked against it. */
    public record OfferRequest(@NotNull UUID skuId, @NotNull Long livePriceCents,
                               @Min(1) @Max(9999) Integer perBuyerLimit, Instant startsAt) {
    }

    public record PinRequest(@NotNull UUID productId, @Size(max = 500) String note,
                             @Size(max = 50) List<@NotNull @Valid OfferRequest> offers) {
    }

    /** Null leaves a part unchanged; a blank note clears it; offers, when given, replace the pin's offers whole. */
    public record ChangePinRequest(@Min(1) Integer position, @Size(max = 500) String note,
                                   @Size(max = 50) List<@NotNull @Valid OfferRequest> offers) {
    }

    public record ExplainRequest(@NotNull UUID productId) {
    }

    public record ExplainingResponse(UUID productId) {
    }

    public record ClickRequest(@NotNull UUID productId) {
    }

    public record OfferView(UUID skuId, long livePriceCents, long listPriceCents, Integer perBuyerLimit, Instant startsAt) {
        public static OfferView from(Offer o) {
            return new OfferView(o.skuId(), o.livePriceCents(), o.listPriceCents(), o.perBuyerLimit(), o.startsAt());
        }
    }

    /** A pinned SKU with the stock left (null until catalog reported it). */
    public record SkuView(UUID skuId, String skuCode, Map<String, String> attributes, long listPriceCents, Integer available) {
    }

    /** A product in the bag, as the POST answers it and as the feed and the room screen show it. */
    public record PinView(UUID productId, UUID shopId, int position, String title, String imageUrl, String note,
                          boolean explaining, List<OfferView> offers, List<SkuView> skus, Instant pinnedAt) {
    }

    public record RoomSummary(UUID id, String title, String coverImageUrl) {
    }

    public record ViewersView(int current, int peak) {
    }

    /** The live room screen in one call; also the feed's {@code snapshot}. */
    public record SessionView(UUID id, UUID roomId, UUID hostId, String title, SessionStatus status,
                              Instant scheduledStartAt, Instant startedAt, Instant endedAt, RoomSummary room,
                              ViewersView viewers, UUID explainingProductId, List<PinView> bag) {
    }

    public record UnpinnedData(UUID productId) {
    }

    public record StockData(UUID skuId, UUID productId, int available) {
    }

    public record SaleData(UUID productId, int quantity) {
    }

    public record EndedData(UUID sessionId, Instant endedAt) {
    }

    public record StatsViewers(int current, int peak, long unique) {
    }

    public record ProductStats(UUID productId, long clicks, long ordersPaid, long unitsSold, long gmvCents) {
    }

    /** conversionRate = paid orders / unique viewers (0 with no viewers), rounded to 4 decimals. */
    public record StatsResponse(UUID sessionId, StatsViewers viewers, long clicks, long ordersPlaced, long ordersPaid,
                                long unitsSold, long gmvCents, double conversionRate, long commissionCents,
                                List<ProductStats> products) {
    }
}
