package io.liveloop.fulfillment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.UUID;

/** The webhook-ids partners sent us: a second delivery of one is a replay. */
@ApplicationScoped
public class InboundWebhookRepository {

    private final EntityManager em;

    public InboundWebhookRepository(EntityManager em) {
        this.em = em;
    }

    /** Records the id in the caller's transaction; false if it was seen before (concurrent twins wait on the key). */
    public boolean firstTime(UUID partnerId, String webhookId, Instant now) {
        return em.createNativeQuery("""
                        insert into inbound_webhook (partner_id, webhook_id, received_at) values (:partner, :id, :now)
                        on conflict do nothing
                        """)
                .setParameter("partner", partnerId)
                .setParameter("id", webhookId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Forgets ids received before {@code before}; returns how many. */
    public int forgetBefore(Instant before) {
        return em.createNativeQuery("delete from inbound_webhook where received_at < :before")
                .setParameter("before", before).executeUpdate();
    }
}
