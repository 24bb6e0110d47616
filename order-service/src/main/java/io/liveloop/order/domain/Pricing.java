package io.liveloop.order.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The server's price of a SKU in an order: the live price when the order is attributed to a session that is LIVE
 * and has a started offer for the SKU; the list price otherwise. Prices never come from the client.
 */
public final class Pricing {

    private final LiveSession session;
    private final Map<UUID, LiveOffer> offersBySku;
    private final Instant now;

    public Pricing(LiveSession session, Map<UUID, LiveOffer> offersBySku, Instant now) {
        this.session = session;
        this.offersBySku = offersBySku == null ? Map.of() : Map.copyOf(offersBySku);
        this.now = now;
    }

    /** The offer that sets the SKU's price now, if any. */
    public Optional<LiveOffer> applicableOffer(UUID skuId) {
        if (session == null || !session.isLive()) {
            return Optional.empty();
        }
        return Optional.ofNullable(offersBySku.get(skuId)).filter(offer -> offer.hasStarted(now));
    }

    public long unitPriceCents(UUID skuId, long listPriceCents) {
        // A live price is a discount: should an offer ever be above the list price, the buyer pays the list price.
        return applicableOffer(skuId).map(o -> Math.min(o.getLivePriceCents(), listPriceCents)).orElse(listPriceCents);
    }
}
