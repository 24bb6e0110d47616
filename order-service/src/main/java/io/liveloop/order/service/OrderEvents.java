package io.liveloop.order.service;

import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.OrderLine;
import io.liveloop.order.domain.Payment;
import io.liveloop.order.domain.ShippingAddress;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What order-service tells the world (contracts/orders.v1), written to the outbox in the caller's transaction. */
@ApplicationScoped
public class OrderEvents {

    public static final String TOPIC = "orders.v1";
    static final String SOURCE = "/order-service";

    public record Item(UUID skuId, UUID productId, String title, int quantity, long unitPriceCents,
                       long listPriceCents, long lineTotalCents, int shipWithinHours) {
        static Item from(OrderLine line) {
            return new Item(line.getSkuId(), line.getProductId(), line.getTitle(), line.getQuantity(),
                    line.getUnitPriceCents(), line.getListPriceCents(), line.getLineTotalCents(), line.getShipWithinHours());
        }
    }

    public record Placed(UUID orderId, UUID buyerId, UUID shopId, String status, List<Item> items, long totalCents,
                         String currency, UUID liveSessionId, UUID hostId, long commissionCents, Instant payBy,
                         Instant createdAt) {
    }

    public record Paid(UUID orderId, UUID buyerId, UUID shopId, List<Item> items, ShippingAddress shippingAddress,
                       int shipWithinHours, long totalCents, String currency, UUID liveSessionId, UUID hostId,
                       long commissionCents, UUID paymentId, Instant paidAt) {
    }

    public record Cancelled(UUID orderId, UUID buyerId, UUID shopId, List<Item> items, long totalCents,
                            UUID liveSessionId, UUID hostId, long commissionCents, String reason, Instant cancelledAt) {
    }

    public record Refunded(UUID orderId, UUID buyerId, UUID shopId, List<Item> items, long totalCents,
                           long refundedCents, UUID liveSessionId, UUID hostId, long commissionCents, String reason,
                           Instant refundedAt) {
    }

    public record Completed(UUID orderId, UUID buyerId, UUID shopId, long totalCents, UUID liveSessionId, UUID hostId,
                            long commissionCents, Instant completedAt) {
    }

    private final Outbox outbox;

    public OrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void placed(Order o) {
        emit("liveloop.order.placed", o, new Placed(o.getId(), o.getBuyerId(), o.getShopId(), o.getStatus().name(),
                items(o), o.getTotalCents(), o.getCurrency(), o.getLiveSessionId(), o.getHostId(), o.getCommissionCents(),
                o.getPayBy(), o.getCreatedAt()));
    }

    public void paid(Order o, Payment payment) {
        emit("liveloop.order.paid", o, new Paid(o.getId(), o.getBuyerId(), o.getShopId(), items(o), o.getShippingAddress(),
                o.getShipWithinHours(), o.getTotalCents(), o.getCurrency(), o.getLiveSessionId(), o.getHostId(),
                o.getCommissionCents(), payment.getId(), o.getPaidAt()));
    }

    public void cancelled(Order o) {
        emit("liveloop.order.cancelled", o, new Cancelled(o.getId(), o.getBuyerId(), o.getShopId(), items(o),
                o.getTotalCents(), o.getLiveSessionId(), o.getHostId(), o.getCommissionCents(), o.getCancelReason(),
                o.getCancelledAt()));
    }

    public void refunded(Order o, long refundedCents) {
        emit("liveloop.order.refunded", o, new Refunded(o.getId(), o.getBuyerId(), o.getShopId(), items(o),
                o.getTotalCents(), refundedCents, o.getLiveSessionId(), o.getHostId(), o.getCommissionCents(),
                o.getCancelReason(), o.getRefundedAt()));
    }

    public void completed(Order o) {
        emit("liveloop.order.completed", o, new Completed(o.getId(), o.getBuyerId(), o.getShopId(), o.getTotalCents(),
                o.getLiveSessionId(), o.getHostId(), o.getCommissionCents(), o.getCompletedAt()));
    }

    private void emit(String type, Order order, Object data) {
        outbox.add(TOPIC, CloudEvent.of(type, SOURCE, order.getId().toString(), data));
    }

    private static List<Item> items(Order order) {
        return order.getLines().stream().map(Item::from).toList();
    }
}
