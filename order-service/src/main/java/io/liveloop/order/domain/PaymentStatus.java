package io.liveloop.order.domain;

public enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED, REFUNDED
}
