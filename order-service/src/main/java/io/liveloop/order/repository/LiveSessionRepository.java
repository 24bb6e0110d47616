package io.liveloop.order.repository;

import io.liveloop.order.domain.LiveOffer;
import io.liveloop.order.domain.LiveSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The live-offer read model: sessions and the offers of their pinned products. */
@ApplicationScoped
public class LiveSessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    public Optional<LiveSession> lock(UUID sessionId) {
        return Optional.ofNullable(getEntityManager().find(LiveSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE));
    }

    public Map<UUID, LiveOffer> offers(UUID sessionId, Collection<UUID> skuIds) {
        return getEntityManager().createQuery(
                        "from LiveOffer o where o.key.sessionId = :session and o.key.skuId in :skus", LiveOffer.class)
                .setParameter("session", sessionId).setParameter("skus", skuIds).getResultList().stream()
                .collect(Collectors.toMap(LiveOffer::getSkuId, Function.identity()));
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
