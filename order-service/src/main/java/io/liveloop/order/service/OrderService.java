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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
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

/** The order's use cases: placing, reading, cancelling, confirming, and the timeouts of its life. */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    static final String CREATE_ORDER = "create-order";
    static final String BUYER_CANCELLED = "buyer-cancelled";

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
     */
    @Transactional
    public IdempotentRequests.Answer place(UUID buyerId, String key, CreateOrderRequest request) {
        var replay = idempotency.claim(CREATE_ORDER, buyerId, key, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        UUID orderId = UUID.nameUUIDFromBytes((buyerId + "/" + key).getBytes(StandardCharsets.UTF_8));
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
        if (session != null) {
            requireWithinPurchaseLimits(buyerId, session, pricing, quantities);
        }

        CatalogReservation reservation = catalog.reserve(orderId, quantities, now.plus(config.paymentTimeout()));
        if (!"RESERVED".equals(reservation.status())) {
            throw new ProblemException(409, "reservation-lapsed", "Reservation lapsed",
                    "The stock held for an earlier attempt with this Idempotency-Key was " + reservation.status()
                            + "; place the order again with a new key");
        }
        Set<UUID> shopIds = new LinkedHashSet<>();
        reservation.items().forEach(i -> shopIds.add(i.shopId()));
        if (shopIds.size() > 1) {
            catalog.releaseQuietly(orderId);
            throw new ProblemException(422, "multiple-shops", "Items from several shops",
                    "All items of an order must come from one shop; these come from " + shopIds.size() + " shops "
                            + shopIds + ": place one order per shop", List.of(), Map.of("shopIds", List.copyOf(shopIds)));
        }

        UUID hostId = session == null ? null : session.getHostId();
        // An alliance sale: the host is not one the shop works with, so the host earns the product's commission.
        boolean allianceSale = hostId != null && !reservation.authorizes(hostId);
        List<OrderLine> lines = reservation.items().stream().map(item -> new OrderLine(item.skuId(), item.productId(),
                item.title(), item.skuAttributes(), item.quantity(), pricing.unitPriceCents(item.skuId(), item.listPriceCents()),
                item.listPriceCents(), item.shipWithinHours(),
                allianceSale && item.alliance() != null ? item.alliance().commissionRateBps() : null)).toList();
        Order order = new Order(orderId, buyerId, shopIds.iterator().next(), lines, request.liveSessionId(), hostId,
                request.shippingAddress().toAddress(), request.buyerNote(), now, config.paymentTimeout());
        orders.persist(order);
        events.placed(order);
        return idempotency.complete(CREATE_ORDER, buyerId, key, 201, OrderResponse.from(order), orderId);
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
     * refunded. The buyer's orders in one session are serialised (an advisory lock held until commit), so several
     * orders fired at once cannot each see the others' units as not yet bought.
     */
    private void requireWithinPurchaseLimits(UUID buyerId, LiveSession session, Pricing pricing, Map<UUID, Integer> quantities) {
        List<Map<String, Object>> exceeded = new ArrayList<>();
        List<String> described = new ArrayList<>();
        boolean locked = false;
        for (Map.Entry<UUID, Integer> item : quantities.entrySet()) {
            LiveOffer offer = pricing.applicableOffer(item.getKey()).orElse(null);
            if (offer == null || offer.getPerBuyerLimit() == null) {
                continue;
            }
            if (!locked) {
                orders.lockBuyerInSession(buyerId, session.getId());
                locked = true;
            }
            long already = orders.quantityBoughtInSession(buyerId, session.getId(), item.getKey());
            if (already + item.getValue() > offer.getPerBuyerLimit()) {
                Map<String, Object> limit = new LinkedHashMap<>();
                limit.put("skuId", item.getKey());
                limit.put("perBuyerLimit", offer.getPerBuyerLimit());
                limit.put("alreadyOrdered", already);
                limit.put("requested", item.getValue());
                exceeded.add(limit);
                described.add("SKU " + item.getKey() + " (limit " + offer.getPerBuyerLimit() + " per buyer, already ordered "
                        + already + ", requested " + item.getValue() + ")");
            }
        }
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
