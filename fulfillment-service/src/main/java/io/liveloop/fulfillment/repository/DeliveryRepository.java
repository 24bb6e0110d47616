package io.liveloop.fulfillment.repository;

import io.liveloop.fulfillment.domain.DeliveryStatus;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /**
     * Claims up to {@code limit} due deliveries of enabled partners: rows another sender holds are skipped, and the
     * claimed ones are leased until {@code leaseUntil} (their next attempt time), so a sender that dies mid-attempt
     * leaves them due again then rather than lost.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int limit) {
        return getEntityManager().createNativeQuery("""
                        with due as (
                            select d.id from webhook_delivery d join partner p on p.id = d.partner_id
                            where d.status = 'PENDING' and d.next_attempt_at <= :now and p.enabled
                            order by d.next_attempt_at
                            limit :limit
                            for update of d skip locked)
                        update webhook_delivery d set next_attempt_at = :lease from due where d.id = due.id
                        returning d.id
                        """, UUID.class)
                .setParameter("now", now)
                .setParameter("lease", leaseUntil)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** The shipment a delivery is about, read without loading or locking the delivery. */
    public UUID shipmentOf(UUID deliveryId) {
        return (UUID) getEntityManager().createNativeQuery("select shipment_id from webhook_delivery where id = :id", UUID.class)
                .setParameter("id", deliveryId).getSingleResult();
    }

    public Optional<WebhookDelivery> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<WebhookDelivery> forShipment(UUID shipmentId) {
        return list("shipmentId = ?1 order by createdAt", shipmentId);
    }

    public List<WebhookDelivery> list(UUID partnerId, DeliveryStatus status, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (partnerId != null) {
            where.add("partnerId = :partner");
            params.and("partner", partnerId);
        }
        if (status != null) {
            where.add("status = :status");
            params.and("status", status);
        }
        String query = where.isEmpty() ? "order by createdAt desc, id desc"
                : String.join(" and ", where) + " order by createdAt desc, id desc";
        return find(query, params).range(page.offset(), page.offset() + page.fetchSize() - 1).list();
    }
}
