package io.liveloop.order.repository;

import io.liveloop.order.domain.LiveOffer;
import io.liveloop.order.domain.LiveSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The live-offer read model: sessions and the offers of their pinned products. */
@ApplicationScoped
public class LiveSessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    public Optional<LiveSession> lock(UUID sessionId) {
        return Optional.ofNullable(getEntityManager().find(LiveSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The session's offers on these SKUs, each looked up by its key. Not one query with {@code sku_id in (...)}:
     * Hibernate does not keep the translation of a query with a list parameter, so it parsed and translated that
     * query on every placement (14 % of order-service's CPU samples in the flash bench); an order has few SKUs.
     */
    public Map<UUID, LiveOffer> offers(UUID sessionId, Collection<UUID> skuIds) {
        Map<UUID, LiveOffer> offers = new HashMap<>();
        for (UUID skuId : skuIds) {
            LiveOffer offer = getEntityManager().find(LiveOffer.class, new LiveOffer.Key(sessionId, skuId));
            if (offer != null) {
                offers.put(skuId, offer);
            }
        }
        return offers;
    }

    /** A pin's offers replace whatever the product had in the session (pin.added and pin.updated carry them in full). */
    public void replaceOffers(UUID sessionId, UUID productId, List<LiveOffer> offers) {
        removeOffers(sessionId, productId);
        getEntityManager().flush();
        offers.forEach(getEntityManager()::persist);
    }

    public void removeOffers(UUID sessionId, UUID productId) {
        getEntityManager().createQuery("delete from LiveOffer o where o.key.sessionId = :session and o.productId = :product")
                .setParameter("session", sessionId).setParameter("product", productId).executeUpdate();
    }
}
