package io.liveloop.order.repository;

import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.OrderStatus;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /**
     * The order with its row locked until the transaction ends: payments, cancels and timeouts serialise on it. Meant
     * as the transaction's first read of the order (as every caller does): one read earlier would be what the
     * persistence context hands back, however the row changed before the lock was taken.
     *
     * <p>The row is locked by a statement of its own, then read, which sees the row as it is under the lock. Asked to
     * lock while it loads, Hibernate 7.2 cannot put {@code for update} on the query that outer-joins the order's lines
     * (PostgreSQL refuses to lock the nullable side of an outer join), so it locks with a second select that it builds
     * and translates anew on every call ("follow-on locking"): in the loop bench's profile that was over a third of
     * this method's CPU samples (the heaviest step of a payment callback), and one more round trip while the
     * connection is held. Without a result class the lock statement's plan is cached (see {@link #lockUnpaidPastPayBy}).
     */
    public Optional<Order> lock(UUID orderId) {
        boolean exists = !getEntityManager().createNativeQuery("select 1 from orders where id = :id for update")
                .setParameter("id", orderId).getResultList().isEmpty();
        return exists ? Optional.ofNullable(getEntityManager().find(Order.class, orderId)) : Optional.empty();
    }

    /** Serialises one buyer's orders in one live session until the transaction ends (per-buyer limits). */
    public void lockBuyerInSession(UUID buyerId, UUID sessionId) {
        long key = buyerId.getMostSignificantBits() ^ buyerId.getLeastSignificantBits()
                ^ Long.rotateLeft(sessionId.getMostSignificantBits() ^ sessionId.getLeastSignificantBits(), 17);
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", key).getSingleResult();
    }

    /** Units of a SKU the buyer holds in a session's orders that are neither cancelled nor refunded. */
    public long quantityBoughtInSession(UUID buyerId, UUID sessionId, UUID skuId) {
        Number sum = (Number) getEntityManager().createNativeQuery("""
                        select coalesce(sum(l.quantity), 0) from orders o join order_line l on l.order_id = o.id
                        where o.buyer_id = :buyer and o.live_session_id = :session and l.sku_id = :sku
                          and o.status not in ('CANCELLED', 'REFUNDED')""")
                .setParameter("buyer", buyerId).setParameter("session", sessionId).setParameter("sku", skuId)
                .getSingleResult();
        return sum.longValue();
    }

    /** Newest first; {@code buyerId} and {@code shopId} narrow the list when given, {@code status} too. */
    public List<Order> page(UUID buyerId, UUID shopId, OrderStatus status, PageRequest page) {
        StringBuilder jpql = new StringBuilder("from Order o where 1 = 1");
        if (buyerId != null) {
            jpql.append(" and o.buyerId = :buyer");
        }
        if (shopId != null) {
            jpql.append(" and o.shopId = :shop");
        }
        if (status != null) {
            jpql.append(" and o.status = :status");
        }
        jpql.append(" order by o.createdAt desc, o.id desc");
        TypedQuery<Order> query = getEntityManager().createQuery(jpql.toString(), Order.class);
        if (buyerId != null) {
            query.setParameter("buyer", buyerId);
        }
        if (shopId != null) {
            query.setParameter("shop", shopId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setFirstResult(page.offset()).setMaxResults(page.fetchSize()).getResultList();
    }

    /**
     * Unpaid orders past their pay-by, locked; rows another sweeper holds are skipped.
     *
     * <p>The sweeps' native queries name no result class (the driver gives a uuid column as a {@link UUID}
     * anyway): Hibernate 7.2 keys a native query's cached plan by its result mapping, and the mapping it builds
     * for a result class does not equal the one built the next time, so every run of such a query added a plan
     * to the cache, all under the query's hash, each lookup walking the entries before it and crowding out the
     * plans of every other query. Without a result class the mapping equals itself and one plan serves all runs.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockUnpaidPastPayBy(Instant now, int batch) {
        return getEntityManager().createNativeQuery("""
                        select id from orders where status = 'PENDING_PAYMENT' and pay_by < :now
                        order by pay_by limit :batch for update skip locked""")
                .setParameter("now", now).setParameter("batch", batch).getResultList();
    }

    /** Delivered orders past the cutoff, locked; rows another sweeper holds are skipped (no result class: see above). */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDeliveredBefore(Instant cutoff, int batch) {
        return getEntityManager().createNativeQuery("""
                        select id from orders where status = 'DELIVERED' and delivered_at < :cutoff
                        order by delivered_at limit :batch for update skip locked""")
                .setParameter("cutoff", cutoff).setParameter("batch", batch).getResultList();
    }
}
