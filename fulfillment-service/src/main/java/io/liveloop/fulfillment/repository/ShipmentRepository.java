package io.liveloop.fulfillment.repository;

import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ShipmentRepository implements PanacheRepositoryBase<Shipment, UUID> {

    /** What a shipment list asks for; null fields do not filter. */
    public record Filter(UUID orderId, UUID shopId, UUID buyerId, boolean overdueOnly) {
    }

    /** The figures of {@code /performance}, over shipments created since a point in time. */
    public record Performance(long shipments, long pickedUpOnTime, long pickedUpLate, long overdueNow,
                              Double medianHoursToPickup, Double medianHoursToDelivery) {
    }

    /**
     * The order's shipment, by its natural id: found among the shipments this transaction created as well as in the
     * database, without flushing them first. (A query would flush every pending change before each lookup, checking
     * every entity of the transaction: the consumer looks up once per event of a batch, so a batch paid for that
     * again and again. In the loop bench's profile these flushes were a third of the consumer's CPU.)
     */
    public Optional<Shipment> forOrder(UUID orderId) {
        return getSession().bySimpleNaturalId(Shipment.class).loadOptional(orderId);
    }

    public Optional<Shipment> lockForOrder(UUID orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Shipment> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<Shipment> list(Filter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.orderId() != null) {
            where.add("orderId = :order");
            params.and("order", filter.orderId());
        }
        if (filter.shopId() != null) {
            where.add("shopId = :shop");
            params.and("shop", filter.shopId());
        }
        if (filter.buyerId() != null) {
            where.add("buyerId = :buyer");
            params.and("buyer", filter.buyerId());
        }
        if (filter.overdueOnly()) {
            where.add("overdueAt is not null and pickedUpAt is null and cancelledAt is null");
        }
        String query = where.isEmpty() ? "order by createdAt desc, id desc"
                : String.join(" and ", where) + " order by createdAt desc, id desc";
        return find(query, params).range(page.offset(), page.offset() + page.fetchSize() - 1).list();
    }

    /** Shipments past their ship-by, not picked up, not yet flagged. */
    public List<Shipment> newlyOverdue(Instant now, int limit) {
        return find("overdueAt is null and pickedUpAt is null and cancelledAt is null and shipBy < ?1 order by shipBy", now)
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }

    /**
     * Pickup and delivery figures of the shipments created since {@code since} of one partner or one shop
     * (cancelled ones do not count). Hours are counted from payment: the ship-by clock starts there too.
     */
    public Performance performance(String column, UUID id, Instant since, Instant now) {
        Query query = getEntityManager().createNativeQuery("""
                select count(*),
                       count(*) filter (where picked_up_at is not null and picked_up_at <= ship_by),
                       count(*) filter (where picked_up_at is not null and picked_up_at > ship_by),
                       count(*) filter (where picked_up_at is null and ship_by < :now),
                       percentile_cont(0.5) within group (order by extract(epoch from picked_up_at - paid_at) / 3600.0)
                           filter (where picked_up_at is not null),
                       percentile_cont(0.5) within group (order by extract(epoch from delivered_at - paid_at) / 3600.0)
                           filter (where delivered_at is not null)
                from shipment
                where %s = :id and created_at >= :since and cancelled_at is null
                """.formatted(column));
        query.setParameter("id", id);
        query.setParameter("since", since);
        query.setParameter("now", now);
        Object[] row = (Object[]) query.getSingleResult();
        return new Performance(number(row[0]), number(row[1]), number(row[2]), number(row[3]),
                row[4] == null ? null : ((Number) row[4]).doubleValue(),
                row[5] == null ? null : ((Number) row[5]).doubleValue());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
