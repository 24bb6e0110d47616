package io.liveloop.livestream.repository;

import io.liveloop.livestream.domain.SessionOrder;
import io.liveloop.livestream.domain.SessionOrder.StatsDelta;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Live stats counters. Every change is one atomic {@code update … set x = x + :d}: clicks and order events for
 * one session arrive concurrently, and no counter is read and written back.
 */
@ApplicationScoped
public class StatsRepository {

    public record Totals(long clicks, long ordersPlaced, long ordersPaid, long unitsSold, long gmvCents,
                         long commissionCents, int peakViewers, long uniqueViewers) {
    }

    public record ProductTotals(UUID productId, long clicks, long ordersPaid, long unitsSold, long gmvCents) {
    }

    private final EntityManager em;

    public StatsRepository(EntityManager em) {
        this.em = em;
    }

    public void createFor(UUID sessionId) {
        em.createNativeQuery("insert into session_stats (session_id) values (:s)").setParameter("s", sessionId).executeUpdate();
    }

    public Optional<SessionOrder> order(UUID orderId) {
        return Optional.ofNullable(em.find(SessionOrder.class, orderId));
    }

    public void addOrder(SessionOrder order) {
        em.persist(order);
    }

    public void click(UUID sessionId, UUID productId) {
        em.createNativeQuery("update session_stats set clicks = clicks + 1 where session_id = :s")
                .setParameter("s", sessionId).executeUpdate();
        em.createNativeQuery("""
                        insert into session_product_stats (session_id, product_id, clicks) values (:s, :p, 1)
                        on conflict (session_id, product_id) do update set clicks = session_product_stats.clicks + 1""")
                .setParameter("s", sessionId).setParameter("p", productId).executeUpdate();
    }

    public void apply(UUID sessionId, StatsDelta delta) {
        if (delta.isNone()) {
            return;
        }
        em.createNativeQuery("""
                        update session_stats set orders_placed = orders_placed + :placed, orders_paid = orders_paid + :paid,
                            units_sold = units_sold + :units, gmv_cents = gmv_cents + :gmv,
                            commission_cents = commission_cents + :commission
                        where session_id = :s""")
                .setParameter("placed", delta.ordersPlaced()).setParameter("paid", delta.ordersPaid())
                .setParameter("units", delta.unitsSold()).setParameter("gmv", delta.gmvCents())
                .setParameter("commission", delta.commissionCents()).setParameter("s", sessionId)
                .executeUpdate();
        for (SessionOrder.ProductDelta p : delta.products()) {
            em.createNativeQuery("""
                            insert into session_product_stats (session_id, product_id, orders_paid, units_sold, gmv_cents)
                            values (:s, :p, :orders, :units, :gmv)
                            on conflict (session_id, product_id) do update set
                                orders_paid = session_product_stats.orders_paid + :orders,
                                units_sold = session_product_stats.units_sold + :units,
                                gmv_cents = session_product_stats.gmv_cents + :gmv""")
                    .setParameter("s", sessionId).setParameter("p", p.productId()).setParameter("orders", p.orders())
                    .setParameter("units", p.units()).setParameter("gmv", p.gmvCents())
                    .executeUpdate();
        }
    }

    /** Records a signed-in viewer of the session (unique viewers); repeated visits count once. */
    public void recordViewer(UUID sessionId, UUID viewerId, Instant now) {
        em.createNativeQuery("""
                        insert into session_viewer (session_id, viewer_id, first_seen) values (:s, :v, :now)
                        on conflict do nothing""")
                .setParameter("s", sessionId).setParameter("v", viewerId).setParameter("now", now).executeUpdate();
    }

    public void raisePeakViewers(UUID sessionId, int peak) {
        em.createNativeQuery("update session_stats set peak_viewers = greatest(peak_viewers, :p) where session_id = :s")
                .setParameter("p", peak).setParameter("s", sessionId).executeUpdate();
    }

    public Totals totals(UUID sessionId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                        select clicks, orders_placed, orders_paid, units_sold, gmv_cents, commission_cents, peak_viewers,
                               (select count(*) from session_viewer v where v.session_id = s.session_id)
                        from session_stats s where session_id = :s""")
                .setParameter("s", sessionId).getSingleResult();
        return new Totals(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), (int) n(r[6]), n(r[7]));
    }

    public List<ProductTotals> productTotals(UUID sessionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select product_id, clicks, orders_paid, units_sold, gmv_cents from session_product_stats
                        where session_id = :s order by gmv_cents desc, clicks desc, product_id""")
                .setParameter("s", sessionId).getResultList();
        return rows.stream().map(r -> new ProductTotals((UUID) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]))).toList();
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
