package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.domain.Reservation;
import io.liveloop.catalog.domain.Sku;
import io.liveloop.catalog.repository.ShopRepository;
import io.liveloop.catalog.repository.StockRepository;
import io.liveloop.catalog.repository.StockRepository.Level;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationItemRequest;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.StockResponse;
import io.liveloop.catalog.rest.dto.ReservationResponse;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stock and reservations. Invariants, under any concurrency: available, reserved and sold never go negative;
 * a SKU is never reserved beyond what is available; {@code available + reserved + sold} changes only when a
 * seller sets the stock. Every change is one guarded statement ({@link StockRepository}); a reservation of
 * several SKUs takes them in id order (no deadlocks between two orders) and rolls back whole if one is short.
 */
@ApplicationScoped
public class StockService {

    private static final Logger LOG = Logger.getLogger(StockService.class);

    private final StockRepository stock;
    private final ShopRepository shops;
    private final ShopService shopService;
    private final CatalogEvents events;
    private final CatalogConfig config;
    private final EntityManager em;
    private final Clock clock;

    public StockService(StockRepository stock, ShopRepository shops, ShopService shopService, CatalogEvents events,
                        CatalogConfig config, EntityManager em, Clock clock) {
        this.stock = stock;
        this.shops = shops;
        this.shopService = shopService;
        this.events = events;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    /** A SKU's stock, for its shop's owner or an admin (404 for anyone else). */
    public StockResponse level(UUID skuId, UUID userId, boolean admin) {
        if (!admin) {
            ownedSku(skuId, userId);
        }
        Level level = stock.level(skuId).orElseThrow(() -> ProblemException.notFound("SKU", skuId));
        return new StockResponse(level.skuId(), level.available(), level.reserved(), level.sold());
    }

    /** The seller sets what can be sold (restock or correction). */
    @Transactional
    public StockResponse setAvailable(UUID skuId, UUID sellerId, int available) {
        ownedSku(skuId, sellerId);
        Level level = stock.setAvailable(skuId, available).orElseThrow();
        events.stockChanged(level);
        return new StockResponse(level.skuId(), level.available(), level.reserved(), level.sold());
    }

    public record Reserved(ReservationResponse response, boolean created) {
    }

    /**
     * Reserves every item or none. The same reservation id again returns the first answer; two requests with
     * one id racing each other are serialised by an advisory lock on the id, so only one reserves.
     */
    @Transactional
    public Reserved reserve(ReservationRequest request) {
        em.createNativeQuery("select pg_advisory_xact_lock(:key)")
                .setParameter("key", request.reservationId().getMostSignificantBits() ^ request.reservationId().getLeastSignificantBits())
                .getSingleResult();
        Map<UUID, Integer> quantities = merge(request.items());
        List<Reservation.Item> items = quantities.entrySet().stream()
                .map(e -> new Reservation.Item(e.getKey(), e.getValue())).toList();

        Reservation existing = em.find(Reservation.class, request.reservationId());
        if (existing != null) {
            if (!existing.sameItemsAs(items)) {
                throw new ProblemException(422, "reservation-id-reused", "Reservation id reused",
                        "reservation " + request.reservationId() + " was made for other items");
            }
            return new Reserved(existing.getResponse().withStatus(existing.getStatus().name()), false);
        }

        Map<UUID, Sku> skus = loadSkus(quantities.keySet());
        List<Map<String, Object>> short_ = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        for (Map.Entry<UUID, Integer> item : quantities.entrySet()) { // TreeMap: id order
            stock.reserve(item.getKey(), item.getValue()).ifPresentOrElse(levels::add, () -> {
                Map<String, Object> shortage = new LinkedHashMap<>();
                shortage.put("skuId", item.getKey());
                shortage.put("requested", item.getValue());
                shortage.put("available", stock.level(item.getKey()).map(Level::available).orElse(0));
                short_.add(shortage);
            });
        }
        if (!short_.isEmpty()) {
            throw new ProblemException(409, "out-of-stock", "Out of stock",
                    "Not enough stock for " + short_.stream().map(s -> "SKU " + s.get("skuId") + " (requested "
                            + s.get("requested") + ", available " + s.get("available") + ")").toList(),
                    List.of(), Map.of("shortSkus", short_));
        }

        ReservationResponse response = describe(request, quantities, skus);
        em.persist(new Reservation(request.reservationId(), items, request.expiresAt(), response, clock.instant()));
        levels.forEach(events::stockChanged);
        return new Reserved(response, true);
    }

    /** Paid: held units become sold. Idempotent by the reservation's state (and the consumer's inbox). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirm(UUID reservationId) {
        Reservation reservation = lock(reservationId);
        if (reservation == null) {
            LOG.warnf("Order %s was paid but catalog holds no reservation for it", reservationId);
            return;
        }
        if (reservation.getStatus() == Reservation.Status.RELEASED) {
            // Paid after its hold was released (expired): take the units again if they are still there.
            retakeAfterRelease(reservation);
            return;
        }
        if (reservation.confirm(clock.instant())) {
            apply(reservation, stock::confirm, false);
        }
    }

    /** Cancelled: held units return to available. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID reservationId) {
        Reservation reservation = lock(reservationId);
        if (reservation != null && reservation.release(clock.instant())) {
            apply(reservation, stock::release, true);
        }
    }

    /**
     * order-service gives a hold back at once (the order was refused after reserving). Releasing what is
     * released or unknown is a no-op; a confirmed (paid) reservation cannot be given back this way.
     */
    @Transactional
    public void cancelReservation(UUID reservationId) {
        Reservation reservation = lock(reservationId);
        if (reservation == null || reservation.getStatus() == Reservation.Status.RELEASED) {
            return;
        }
        if (reservation.getStatus() != Reservation.Status.RESERVED) {
            throw ProblemException.illegalTransition("reservation", reservation.getStatus(), "release");
        }
        release(reservationId);
    }

    /** Refunded after payment: sold units return to available. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(UUID reservationId) {
        Reservation reservation = lock(reservationId);
        if (reservation == null) {
            return;
        }
        if (reservation.getStatus() == Reservation.Status.RESERVED) {
            release(reservationId); // refunded before the paid event was applied: nothing was sold yet
            return;
        }
        if (reservation.refund(clock.instant())) {
            apply(reservation, stock::refund, true);
        }
    }

    /** Releases reservations neither confirmed nor released by their expiry plus the grace period. */
    @Transactional
    public int releaseExpiredReservations() {
        Instant cutoff = clock.instant().minus(config.reservations().expiryGrace());
        @SuppressWarnings("unchecked")
        List<UUID> expired = em.createNativeQuery("""
                        select id from reservation where status = 'RESERVED' and expires_at < :cutoff
                        order by expires_at limit :batch for update skip locked""")
                .setParameter("cutoff", cutoff).setParameter("batch", config.reservations().sweepBatch())
                .getResultList();
        expired.forEach(this::release);
        return expired.size();
    }

    private void retakeAfterRelease(Reservation reservation) {
        for (Reservation.Item item : reservation.getItems()) {
            if (stock.reserve(item.skuId(), item.quantity()).flatMap(l -> stock.confirm(item.skuId(), item.quantity()))
                    .map(level -> {
                        events.stockChanged(level);
                        return level;
                    }).isEmpty()) {
                LOG.errorf("Order %s was paid after its reservation expired and SKU %s no longer has %d units: "
                        + "not oversold; the order needs a refund", reservation.getId(), item.skuId(), item.quantity());
            }
        }
    }

    private void apply(Reservation reservation, BiFunction<UUID, Integer, java.util.Optional<Level>> change,
                       boolean availableChanges) {
        for (Reservation.Item item : reservation.getItems()) {
            Level level = change.apply(item.skuId(), item.quantity()).orElseThrow(() -> new IllegalStateException(
                    "stock of SKU " + item.skuId() + " does not cover reservation " + reservation.getId()));
            if (availableChanges) {
                events.stockChanged(level);
            }
        }
    }

    private Sku ownedSku(UUID skuId, UUID sellerId) {
        Sku sku = em.find(Sku.class, skuId);
        if (sku == null) {
            throw ProblemException.notFound("SKU", skuId);
        }
        shopService.ownedShop(sku.getProduct().getShopId(), sellerId); // 404 for another seller's SKU
        return sku;
    }

    private Reservation lock(UUID reservationId) {
        return em.find(Reservation.class, reservationId, LockModeType.PESSIMISTIC_WRITE);
    }

    private Map<UUID, Sku> loadSkus(Set<UUID> skuIds) {
        Map<UUID, Sku> skus = new LinkedHashMap<>();
        em.createQuery("from Sku s join fetch s.product where s.id in :ids", Sku.class)
                .setParameter("ids", skuIds).getResultList().forEach(s -> skus.put(s.getId(), s));
        Set<UUID> unknown = new LinkedHashSet<>(skuIds);
        unknown.removeAll(skus.keySet());
        if (!unknown.isEmpty()) {
            throw new ProblemException(404, "not-found", "Not found", "Unknown SKU(s): " + unknown,
                    List.of(), Map.of("unknownSkuIds", List.copyOf(unknown)));
        }
        List<UUID> notOnSale = skus.values().stream().filter(s -> !s.getProduct().isOnSale())
                .map(s -> s.getProduct().getId()).distinct().toList();
        if (!notOnSale.isEmpty()) {
            throw new ProblemException(409, "not-on-sale", "Product not on sale",
                    "Product(s) " + notOnSale + " are not on sale", List.of(), Map.of("productIds", notOnSale));
        }
        return skus;
    }

    private ReservationResponse describe(ReservationRequest request, Map<UUID, Integer> quantities, Map<UUID, Sku> skus) {
        List<ReservationResponse.Item> items = new ArrayList<>();
        Set<UUID> shopIds = new LinkedHashSet<>();
        for (Map.Entry<UUID, Integer> entry : quantities.entrySet()) {
            Sku sku = skus.get(entry.getKey());
            Product product = sku.getProduct();
            shopIds.add(product.getShopId());
            items.add(new ReservationResponse.Item(sku.getId(), product.getId(), product.getShopId(), product.getTitle(),
                    sku.getAttributes(), sku.getPriceCents(), entry.getValue(), product.getShipWithinHours(),
                    product.getAllianceRateBps() == null ? null : new ReservationResponse.Alliance(product.getAllianceRateBps())));
        }
        return new ReservationResponse(request.reservationId(), Reservation.Status.RESERVED.name(), request.expiresAt(),
                items, shops.hostIds(shopIds));
    }

    private static Map<UUID, Integer> merge(List<ReservationItemRequest> items) {
        Map<UUID, Integer> merged = new TreeMap<>();
        items.forEach(i -> merged.merge(i.skuId(), i.quantity(), Integer::sum));
        return merged;
    }
}
