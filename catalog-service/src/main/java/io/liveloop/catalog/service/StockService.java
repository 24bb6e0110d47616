package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.liveloop.catalog.domain.Reservation;
import io.liveloop.catalog.domain.Sku;
import io.liveloop.catalog.repository.ReservationRepository;
import io.liveloop.catalog.repository.ReservationRepository.NewReservation;
import io.liveloop.catalog.repository.StockRepository;
import io.liveloop.catalog.repository.StockRepository.ForSale;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stock and reservations. Invariants, under any concurrency: available, reserved and sold never go negative;
 * a SKU is never reserved beyond what is available; {@code available + reserved + sold} changes only when a
 * seller sets the stock. Every change is a guarded statement ({@link StockRepository}), and a transaction that
 * changes several SKUs changes them in id order (no deadlocks between two transactions). Reservations are granted
 * in batches ({@link #reserveAll}, fed by {@link ReservationBatcher}), each request all-or-nothing.
 */
@ApplicationScoped
public class StockService {

    private static final Logger LOG = Logger.getLogger(StockService.class);

    private final StockRepository stock;
    private final ReservationRepository reservations;
    private final ShopService shopService;
    private final CatalogEvents events;
    private final CatalogConfig config;
    private final EntityManager em;
    private final Clock clock;

    public StockService(StockRepository stock, ReservationRepository reservations,
                        ShopService shopService, CatalogEvents events, CatalogConfig config, EntityManager em, Clock clock) {
        this.stock = stock;
        this.reservations = reservations;
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

    /** One request's answer within a batch: reserved (now, or earlier with the same id), or the problem refusing it. */
    public record Outcome(Reserved reserved, ProblemException refused) {

        static Outcome of(Reserved reserved) {
            return new Outcome(reserved, null);
        }

        static Outcome of(ProblemException refused) {
            return new Outcome(null, refused);
        }
    }

    /**
     * The merged deduction: reserves for a batch of requests in one transaction, each request all-or-nothing and
     * answered exactly as if the requests had run one after another in the order given. The advisory locks of all
     * their reservation ids are taken first (ascending), so a request whose id is stored already — or is being
     * stored by another batch, here or in another instance — gets the stored answer. What does not depend on stock
     * (SKUs known, products on sale, what the answer says) is read next, without locks. Then every SKU a request
     * may be granted from is row-locked once (id order), the requests are granted against the running remaining
     * stock, and one statement stores the batch's reservations and gives each SKU one guarded deduction; one stock
     * event per SKU follows, and the commit. Refusals (out of stock, unknown SKU, not on sale, id reused) are
     * outcomes, not failures: they do not roll the batch back. Anything thrown does, and grants nothing.
     */
    @Transactional
    public List<Outcome> reserveAll(List<ReservationRequest> requests) {
        Set<UUID> ids = new LinkedHashSet<>();
        requests.forEach(r -> ids.add(r.reservationId()));
        reservations.lockIds(ids);
        Map<UUID, Reservation> stored = reservations.stored(ids);
        List<Member> members = requests.stream()
                .map(r -> new Member(r, merge(r.items()), stored.get(r.reservationId()), null, null)).toList();

        // What does not depend on stock: whether each request can be granted at all, and what it would be answered.
        Batch batch = new Batch(stock.forSale(skuIds(members.stream().filter(m -> m.stored() == null))));
        members = members.stream().map(m -> m.stored() == null ? vet(m, batch) : m).toList();

        // From here to the commit the rows are locked: only the decisions, one statement, the events.
        batch.remaining.putAll(stock.lockAvailable(skuIds(members.stream().filter(m -> m.prepared() != null))));
        List<Outcome> outcomes = members.stream().map(m -> decide(m, batch)).toList();
        if (!batch.granted.isEmpty()) {
            List<Level> levels = reservations.storeGranted(batch.granted.values(), batch.deducted, clock.instant());
            levels.forEach(events::stockChanged); // one event per SKU per batch: the level after all its grants
        }
        return outcomes;
    }

    /**
     * One request of a batch: its items merged per SKU (in id order), the reservation stored under its id if any,
     * and once vetted either why it is refused whatever the stock or what it is stored and answered as if granted.
     */
    private record Member(ReservationRequest request, Map<UUID, Integer> quantities, Reservation stored,
                          ProblemException refused, NewReservation prepared) {

        UUID id() {
            return request.reservationId();
        }

        List<Reservation.Item> items() {
            return quantities.entrySet().stream().map(e -> new Reservation.Item(e.getKey(), e.getValue())).toList();
        }
    }

    /** What one batch knows, has locked and has granted so far. */
    private static final class Batch {
        final Map<UUID, ForSale> skus;
        final Map<UUID, Integer> remaining = new HashMap<>();
        final Map<UUID, Integer> deducted = new HashMap<>();
        final Map<UUID, NewReservation> granted = new LinkedHashMap<>();

        Batch(Map<UUID, ForSale> skus) {
            this.skus = skus;
        }
    }

    private static Set<UUID> skuIds(Stream<Member> members) {
        return members.flatMap(m -> m.quantities().keySet().stream()).collect(Collectors.toSet());
    }

    /**
     * Unknown SKUs (404) and products not on sale (409) are refused before stock is looked at, as always; any
     * other request gets its answer and storage row prepared, so that little is left to do under the row locks.
     */
    private Member vet(Member m, Batch batch) {
        Set<UUID> unknown = new LinkedHashSet<>(m.quantities().keySet());
        unknown.removeAll(batch.skus.keySet());
        if (!unknown.isEmpty()) {
            return new Member(m.request(), m.quantities(), null, new ProblemException(404, "not-found", "Not found",
                    "Unknown SKU(s): " + unknown, List.of(), Map.of("unknownSkuIds", List.copyOf(unknown))), null);
        }
        List<UUID> notOnSale = m.quantities().keySet().stream().map(batch.skus::get).filter(s -> !s.onSale())
                .map(ForSale::productId).distinct().toList();
        if (!notOnSale.isEmpty()) {
            return new Member(m.request(), m.quantities(), null, new ProblemException(409, "not-on-sale",
                    "Product not on sale", "Product(s) " + notOnSale + " are not on sale", List.of(),
                    Map.of("productIds", notOnSale)), null);
        }
        NewReservation prepared = reservations.prepare(m.id(), m.items(), m.request().expiresAt(),
                describe(m.request(), m.quantities(), batch));
        return new Member(m.request(), m.quantities(), null, null, prepared);
    }

    /** A member's answer, as if the batch's requests had run one after another in order. */
    private static Outcome decide(Member m, Batch batch) {
        if (m.stored() != null) {
            return m.stored().sameItemsAs(m.items())
                    ? Outcome.of(new Reserved(m.stored().getResponse().withStatus(m.stored().getStatus().name()), false))
                    : Outcome.of(reused(m.id()));
        }
        NewReservation earlier = batch.granted.get(m.id()); // the same id granted earlier in this batch
        if (earlier != null) {
            return Reservation.sameItems(earlier.items(), m.items())
                    ? Outcome.of(new Reserved(earlier.response(), false)) : Outcome.of(reused(m.id()));
        }
        if (m.refused() != null) {
            return Outcome.of(m.refused());
        }
        List<Map<String, Object>> short_ = new ArrayList<>();
        m.quantities().forEach((skuId, quantity) -> { // TreeMap: id order
            int available = batch.remaining.get(skuId);
            if (available < quantity) {
                Map<String, Object> shortage = new LinkedHashMap<>();
                shortage.put("skuId", skuId);
                shortage.put("requested", quantity);
                shortage.put("available", available);
                short_.add(shortage);
            }
        });
        if (!short_.isEmpty()) {
            return Outcome.of(new ProblemException(409, "out-of-stock", "Out of stock",
                    "Not enough stock for " + short_.stream().map(s -> "SKU " + s.get("skuId") + " (requested "
                            + s.get("requested") + ", available " + s.get("available") + ")").toList(),
                    List.of(), Map.of("shortSkus", short_)));
        }
        m.quantities().forEach((skuId, quantity) -> {
            batch.remaining.merge(skuId, -quantity, Integer::sum);
            batch.deducted.merge(skuId, quantity, Integer::sum);
        });
        batch.granted.put(m.id(), m.prepared());
        return Outcome.of(new Reserved(m.prepared().response(), true));
    }

    private static ProblemException reused(UUID reservationId) {
        return new ProblemException(422, "reservation-id-reused", "Reservation id reused",
                "reservation " + reservationId + " was made for other items");
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

    /**
     * Releases reservations neither confirmed nor released by their expiry plus the grace period. Their units go
     * back with one update (and one stock event) per SKU, in id order, however many reservations held it.
     */
    @Transactional
    public int releaseExpiredReservations() {
        Instant cutoff = clock.instant().minus(config.reservations().expiryGrace());
        @SuppressWarnings("unchecked")
        List<UUID> expired = em.createNativeQuery("""
                        select id from reservation where status = 'RESERVED' and expires_at < :cutoff
                        order by expires_at limit :batch for update skip locked""")
                .setParameter("cutoff", cutoff).setParameter("batch", config.reservations().sweepBatch())
                .getResultList();
        Map<UUID, Integer> released = new TreeMap<>(StockRepository.LOCK_ORDER);
        for (UUID id : expired) {
            Reservation reservation = lock(id);
            if (reservation != null && reservation.release(clock.instant())) {
                reservation.getItems().forEach(item -> released.merge(item.skuId(), item.quantity(), Integer::sum));
            }
        }
        released.forEach((skuId, quantity) -> events.stockChanged(stock.release(skuId, quantity).orElseThrow(
                () -> new IllegalStateException("SKU " + skuId + " holds fewer than the " + quantity + " units expiring"))));
        return expired.size();
    }

    private void retakeAfterRelease(Reservation reservation) {
        for (Reservation.Item item : inIdOrder(reservation)) {
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

    private void apply(Reservation reservation, BiFunction<UUID, Integer, Optional<Level>> change,
                       boolean availableChanges) {
        for (Reservation.Item item : inIdOrder(reservation)) {
            Level level = change.apply(item.skuId(), item.quantity()).orElseThrow(() -> new IllegalStateException(
                    "stock of SKU " + item.skuId() + " does not cover reservation " + reservation.getId()));
            if (availableChanges) {
                events.stockChanged(level);
            }
        }
    }

    /** SKU rows are always locked in id order, as the reservation batches lock them: no deadlock between the two. */
    private static List<Reservation.Item> inIdOrder(Reservation reservation) {
        return reservation.getItems().stream().sorted(Comparator.comparing(Reservation.Item::skuId, StockRepository.LOCK_ORDER)).toList();
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

    private static ReservationResponse describe(ReservationRequest request, Map<UUID, Integer> quantities, Batch batch) {
        List<ReservationResponse.Item> items = new ArrayList<>();
        Set<UUID> hostIds = new LinkedHashSet<>();
        for (Map.Entry<UUID, Integer> entry : quantities.entrySet()) {
            ForSale sku = batch.skus.get(entry.getKey());
            hostIds.addAll(sku.shopHostIds());
            items.add(new ReservationResponse.Item(sku.skuId(), sku.productId(), sku.shopId(), sku.title(),
                    sku.attributes(), sku.priceCents(), entry.getValue(), sku.shipWithinHours(),
                    sku.allianceRateBps() == null ? null : new ReservationResponse.Alliance(sku.allianceRateBps())));
        }
        return new ReservationResponse(request.reservationId(), Reservation.Status.RESERVED.name(), request.expiresAt(),
                items, List.copyOf(hostIds));
    }

    private static Map<UUID, Integer> merge(List<ReservationItemRequest> items) {
        Map<UUID, Integer> merged = new TreeMap<>();
        items.forEach(i -> merged.merge(i.skuId(), i.quantity(), Integer::sum));
        return merged;
    }
}
