package io.liveloop.order.service;

import io.liveloop.order.client.CatalogClient;
import io.liveloop.order.client.CatalogReservation;
import io.liveloop.order.config.OrderConfig;
import io.liveloop.order.domain.LiveOffer;
import io.liveloop.order.domain.LiveSession;
import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.OrderLine;
import io.liveloop.order.domain.OrderStatus;
import io.liveloop.order.domain.Pricing;
import io.liveloop.order.repository.LiveSessionRepository;
import io.liveloop.order.repository.OrderRepository;
import io.liveloop.order.rest.dto.OrderDtos.CreateOrderRequest;
import io.liveloop.order.rest.dto.OrderDtos.ItemRequest;
import io.liveloop.order.rest.dto.OrderDtos.OrderResponse;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/** The order's use cases: placing, reading, cancelling, confirming, and the timeouts of its life. */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    static final String CREATE_ORDER = "create-order";
    static final String BUYER_CANCELLED = "buyer-cancelled";
    /** Placements under way at once: above the datasource's 12, so one waiting on catalog leaves its connection to others. */
    static final int PLACEMENTS_AT_ONCE = 32;
    static final int PLACEMENTS_WAITING = 1000;

    private final OrderRepository orders;
    private final LiveSessionRepository sessions;
    private final CatalogClient catalog;
    private final PaymentService payments;
    private final IdempotentRequests idempotency;
    private final ShopOwnership shops;
    private final OrderEvents events;
    private final OrderConfig config;
    private final Clock clock;

    public OrderService(OrderRepository orders, LiveSessionRepository sessions, CatalogClient catalog,
                        PaymentService payments, IdempotentRequests idempotency, ShopOwnership shops, OrderEvents events,
                        OrderConfig config, Clock clock) {
        this.orders = orders;
        this.sessions = sessions;
        this.catalog = catalog;
        this.payments = payments;
        this.idempotency = idempotency;
        this.shops = shops;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Places an order: prices it on the server (live price when the session is LIVE and the SKU's offer has started,
     * else list price), enforces per-buyer limits, reserves the stock in catalog (all or nothing) and leaves the order
     * waiting for payment until payBy. The order id derives from the buyer and the Idempotency-Key, and is the
     * reservation id: a retry after a failure (say a timeout after catalog reserved) finds the same reservation.
     *
     * <p>No transaction, so no pooled connection, is open while catalog reserves: in a flash sale that round trip
     * is the slow part, and connections held through it would leave the pool to the first few buyers. So placing
     * takes three steps. One short transaction claims the key (a twin waits for this request's answer), prices the
     * order and refuses what is over a limit already. Catalog reserves, no transaction open. Another short
     * transaction re-checks the limits under the buyer's lock, writes the order and its event and keeps the answer.
     * A failure after the claim frees the key again; one after reserving gives the hold back.
     *
     * <p>Placements run on worker threads, at most {@value #PLACEMENTS_AT_ONCE} at once (a bulkhead,
     * {@code io.liveloop.order.service.OrderService/place/Bulkhead/value}); later ones wait their turn in arrival
     * order, holding no thread, connection or lock (a placement whose client has gone meanwhile is dropped when its
     * turn comes, see {@code abandoned}), and beyond {@value #PLACEMENTS_WAITING} waiting
     * ({@code .../waitingTaskQueue}) one is refused with a BulkheadException (503, Retry-After). Without the bound,
     * a flash sale ran every worker thread's placement at once on two cores and twelve pooled connections, and
     * catalog's answers sat unread long enough for the catalog client's timeout and circuit breaker to measure this
     * service's own overload rather than catalog.
     */
    @Asynchronous
    @Bulkhead(value = PLACEMENTS_AT_ONCE, waitingTaskQueue = PLACEMENTS_WAITING)
    public CompletionStage<IdempotentRequests.Answer> place(UUID buyerId, String key, CreateOrderRequest request,
                                                            BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            // The client gave up while this placement waited its turn (the gateway closes the connection when its
            // timeout fires): placing it now would hold stock for an order nobody is told about, and take the turn of
            // a buyer still waiting. Nothing is claimed yet, so the same key may be sent again.
            throw new ProblemException(503, "service-unavailable", "Service unavailable",
                    "The request was abandoned before its turn came; retry with the same Idempotency-Key");
        }
        UUID orderId = UUID.nameUUIDFromBytes((buyerId + "/" + key).getBytes(StandardCharsets.UTF_8));
        IdempotentRequests.Started<Checkout> started = idempotency.start(CREATE_ORDER, buyerId, key, request,
                () -> checkout(orderId, buyerId, request));
        if (started.replayed()) {
            return CompletableFuture.completedFuture(started.replay());
        }
        try {
            return CompletableFuture.completedFuture(reserveAndRecord(started.claim(), started.prepared()));
        } catch (RuntimeException e) {
            idempotency.releaseQuietly(started.claim());
            throw e;
        }
    }

    /** What placing an order reads before catalog reserves: its prices, and the per-buyer limits it must respect. */
    private record Checkout(UUID orderId, UUID buyerId, CreateOrderRequest request, Instant now,
                            Map<UUID, Integer> quantities, LiveSession session, Pricing pricing,
                            Map<UUID, LiveOffer> limitedOffers) {
    }

    /** The first step, in the key's claiming transaction. */
    private Checkout checkout(UUID orderId, UUID buyerId, CreateOrderRequest request) {
        if (orders.findByIdOptional(orderId).isPresent()) {
            // The key's record outlived its retention, but its order did not: a new order needs a new key.
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for order " + orderId + "; use a new key for a new order");
        }
        Instant now = clock.instant();
        Map<UUID, Integer> quantities = merge(request.items());
        LiveSession session = request.liveSessionId() == null ? null
                : sessions.findByIdOptional(request.liveSessionId()).orElse(null);
        Map<UUID, LiveOffer> offers = session == null ? Map.of() : sessions.offers(session.getId(), quantities.keySet());
        Pricing pricing = new Pricing(session, offers, now);
        Map<UUID, LiveOffer> limitedOffers = new LinkedHashMap<>();
        quantities.keySet().forEach(sku -> pricing.applicableOffer(sku).filter(offer -> offer.getPerBuyerLimit() != null)
                .ifPresent(offer -> limitedOffers.put(sku, offer)));
        Checkout checkout = new Checkout(orderId, buyerId, request, now, quantities, session, pricing, limitedOffers);
        // Refused before a unit is held in catalog when the buyer has reached a limit already; the check that
        // counts comes after reserving, under the buyer's lock.
        requireWithinPurchaseLimits(checkout);
        return checkout;
    }

    /** The second and third steps: catalog's hold, then the order written. */
    private IdempotentRequests.Answer reserveAndRecord(IdempotentRequests.Claim claim, Checkout checkout) {
        UUID orderId = checkout.orderId();
        CatalogReservation reservation = catalog.reserve(orderId, checkout.quantities(),
                checkout.now().plus(config.paymentTimeout()));
        if (!"RESERVED".equals(reservation.status())) {
            throw new ProblemException(409, "reservation-lapsed", "Reservation lapsed",
                    "The stock held for an earlier attempt with this Idempotency-Key was " + reservation.status()
                            + "; place the order again with a new key");
        }
        try {
            UUID shopId = singleShop(reservation);
            return QuarkusTransaction.requiringNew().call(() -> record(claim, checkout, reservation, shopId));
        } catch (IdempotentRequests.ClaimLostException | QuarkusTransactionException e) {
            // The hold may be an order's after all: the key's new holder places the same order under the same id,
            // or a commit failed without saying whether it happened. Kept; if unused, catalog lets it lapse at payBy.
            throw e;
        } catch (RuntimeException e) {
            catalog.releaseQuietly(orderId);
            throw e;
        }
    }

    private static UUID singleShop(CatalogReservation reservation) {
        Set<UUID> shopIds = new LinkedHashSet<>();
        reservation.items().forEach(i -> shopIds.add(i.shopId()));
        if (shopIds.size() > 1) {
            throw new ProblemException(422, "multiple-shops", "Items from several shops",
                    "All items of an order must come from one shop; these come from " + shopIds.size() + " shops "
                            + shopIds + ": place one order per shop", List.of(), Map.of("shopIds", List.copyOf(shopIds)));
        }
        return shopIds.iterator().next();
    }

    /** The last step, in its own transaction. */
    private IdempotentRequests.Answer record(IdempotentRequests.Claim claim, Checkout checkout,
                                             CatalogReservation reservation, UUID shopId) {
        Optional<IdempotentRequests.Answer> answeredMeanwhile = idempotency.confirm(claim);
        if (answeredMeanwhile.isPresent()) {
            return answeredMeanwhile.get();
        }
        if (!checkout.limitedOffers().isEmpty()) {
            // One buyer's orders in a session are written one at a time (an advisory lock held until commit), so
            // several orders fired at once cannot each see the others' units as not yet bought.
            orders.lockBuyerInSession(checkout.buyerId(), checkout.session().getId());
            requireWithinPurchaseLimits(checkout);
        }
        CreateOrderRequest request = checkout.request();
        UUID hostId = checkout.session() == null ? null : checkout.session().getHostId();
        // An alliance sale: the host is not one the shop works with, so the host earns the product's commission.
        boolean allianceSale = hostId != null && !reservation.authorizes(hostId);
        List<OrderLine> lines = reservation.items().stream().map(item -> new OrderLine(item.skuId(), item.productId(),
                item.title(), item.skuAttributes(), item.quantity(),
                checkout.pricing().unitPriceCents(item.skuId(), item.listPriceCents()), item.listPriceCents(),
                item.shipWithinHours(),
                allianceSale && item.alliance() != null ? item.alliance().commissionRateBps() : null)).toList();
        Order order = new Order(checkout.orderId(), checkout.buyerId(), shopId, lines, request.liveSessionId(), hostId,
                request.shippingAddress().toAddress(), request.buyerNote(), checkout.now(), config.paymentTimeout());
        orders.persist(order);
        events.placed(order);
        return idempotency.complete(claim, 201, OrderResponse.from(order), order.getId());
    }

    /** The order if the user may see it: its buyer, the shop's owner, an admin. Anyone else: 404. */
    public Order visibleOrder(UUID orderId, CurrentUser user) {
        Order order = orders.findByIdOptional(orderId).orElseThrow(() -> ProblemException.notFound("order", orderId));
        if (user.isAdmin() || order.isBuyer(user.id())
                || user.is(CurrentUser.SELLER) && shops.owns(user.id(), order.getShopId())) {
            return order;
        }
        throw ProblemException.notFound("order", orderId);
    }

    /** A buyer's own orders; a seller's shop's orders (shopId required, the seller's own); for admins any. */
    public Page<OrderResponse> list(CurrentUser user, UUID shopId, String status, PageRequest page) {
        OrderStatus wanted = parseStatus(status);
        UUID buyerId = null;
        if (user.is(CurrentUser.SELLER)) {
            if (shopId == null) {
                throw new ProblemException(400, "validation-failed", "Request is not valid",
                        "shopId: a seller lists the orders of one of their shops (?shopId=)",
                        List.of(new Problem.FieldError("shopId", "is required for sellers")), Map.of());
            }
            if (!shops.owns(user.id(), shopId)) {
                throw ProblemException.notFound("shop", shopId);
            }
        } else if (!user.isAdmin()) {
            buyerId = user.id();
        }
        return page.page(orders.page(buyerId, shopId, wanted, page), OrderResponse::from);
    }

    /** The buyer cancels: unpaid → CANCELLED (stock released), paid and not yet picked up → REFUNDED. */
    @Transactional
    public Order cancel(UUID orderId, UUID buyerId, String reason) {
        Order order = ownOrder(orderId, buyerId);
        String why = reason == null || reason.isBlank() ? BUYER_CANCELLED : reason.strip();
        if (order.cancelByBuyer(why, clock.instant()) == Order.Cancellation.REFUNDED) {
            events.refunded(order, payments.refundAll(order, why));
        } else {
            events.cancelled(order);
        }
        return order;
    }

    @Transactional
    public Order confirmReceipt(UUID orderId, UUID buyerId) {
        Order order = ownOrder(orderId, buyerId);
        order.confirmReceipt(clock.instant());
        events.completed(order);
        return order;
    }

    /** Cancels unpaid orders past their pay-by (reason payment-timeout); the cancelled event releases their stock. */
    @Transactional
    public int cancelUnpaidPastPayBy() {
        Instant now = clock.instant();
        int cancelled = 0;
        for (UUID id : orders.lockUnpaidPastPayBy(now, config.sweepBatch())) {
            Order order = orders.findById(id);
            if (order.expireUnpaid(now)) {
                events.cancelled(order);
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Completes orders delivered longer ago than the auto-complete period. */
    @Transactional
    public int completeLongDeliveredOrders() {
        Instant now = clock.instant();
        int completed = 0;
        for (UUID id : orders.lockDeliveredBefore(now.minus(config.autoCompleteAfter()), config.sweepBatch())) {
            Order order = orders.findById(id);
            if (order.autoComplete(now, config.autoCompleteAfter())) {
                events.completed(order);
                completed++;
            }
        }
        return completed;
    }

    /** The carrier picked the parcel up (fulfillment's tracking). In the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPickedUp(UUID orderId, Instant at) {
        orders.lock(orderId).ifPresentOrElse(order -> {
            if (!order.recordPickedUp(at)) {
                LOG.infof("Picked-up for order %s in state %s changes nothing", orderId, order.getStatus());
            }
        }, () -> LOG.warnf("Shipment picked up for unknown order %s", orderId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(UUID orderId, Instant at) {
        orders.lock(orderId).ifPresentOrElse(order -> {
            if (!order.recordDelivered(at)) {
                LOG.infof("Delivered for order %s in state %s changes nothing", orderId, order.getStatus());
            }
        }, () -> LOG.warnf("Shipment delivered for unknown order %s", orderId));
    }

    private Order ownOrder(UUID orderId, UUID buyerId) {
        return orders.lock(orderId).filter(o -> o.isBuyer(buyerId))
                .orElseThrow(() -> ProblemException.notFound("order", orderId));
    }

    /**
     * A live offer's per-buyer limit holds across the buyer's orders in the session that are neither cancelled nor
     * refunded.
     */
    private void requireWithinPurchaseLimits(Checkout checkout) {
        List<Map<String, Object>> exceeded = new ArrayList<>();
        List<String> described = new ArrayList<>();
        checkout.limitedOffers().forEach((skuId, offer) -> {
            int requested = checkout.quantities().get(skuId);
            long already = orders.quantityBoughtInSession(checkout.buyerId(), checkout.session().getId(), skuId);
            if (already + requested > offer.getPerBuyerLimit()) {
                Map<String, Object> limit = new LinkedHashMap<>();
                limit.put("skuId", skuId);
                limit.put("perBuyerLimit", offer.getPerBuyerLimit());
                limit.put("alreadyOrdered", already);
                limit.put("requested", requested);
                exceeded.add(limit);
                described.add("SKU " + skuId + " (limit " + offer.getPerBuyerLimit() + " per buyer, already ordered "
                        + already + ", requested " + requested + ")");
            }
        });
        if (!exceeded.isEmpty()) {
            throw new ProblemException(409, "purchase-limit-exceeded", "Purchase limit exceeded",
                    "The live offer's per-buyer limit is exceeded for " + String.join(", ", described), List.of(),
                    Map.of("limits", exceeded));
        }
    }

    private static OrderStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "validation-failed", "Request is not valid",
                    "status: must be one of " + List.of(OrderStatus.values()),
                    List.of(new Problem.FieldError("status", "must be one of " + List.of(OrderStatus.values()))), Map.of());
        }
    }

    private static Map<UUID, Integer> merge(List<ItemRequest> items) {
        Map<UUID, Integer> merged = new TreeMap<>();
        items.forEach(i -> merged.merge(i.skuId(), i.quantity(), Integer::sum));
        return merged;
    }
}
