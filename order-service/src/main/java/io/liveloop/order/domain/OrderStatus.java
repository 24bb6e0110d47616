package io.liveloop.order.domain;

/** Where an order stands; the moves between them are {@link Order}'s intent methods. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, DELIVERED, COMPLETED, CANCELLED, REFUNDED
}
