package io.liveloop.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Money given back through the provider: a buyer's cancel of a paid order, or a success that came too late. */
@Entity
@Table(name = "refund")
public class Refund {

    @Id
    private UUID id;
    @Column(name = "payment_id")
    private UUID paymentId;
    @Column(name = "order_id")
    private UUID orderId;
    @Column(name = "amount_cents")
    private long amountCents;
    private String reason;
    @Column(name = "provider_ref")
    private String providerRef;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Refund() {
    }

    public Refund(Payment payment, String reason, String providerRef, Instant now) {
        this.id = UUID.randomUUID();
        this.paymentId = payment.getId();
        this.orderId = payment.getOrderId();
        this.amountCents = payment.getAmountCents();
        this.reason = reason;
        this.providerRef = providerRef;
        this.createdAt = now;
    }

    public UUID getId() { return id; }
    public UUID getPaymentId() { return paymentId; }
    public UUID getOrderId() { return orderId; }
    public long getAmountCents() { return amountCents; }
    public String getReason() { return reason; }
    public String getProviderRef() { return providerRef; }
    public Instant getCreatedAt() { return createdAt; }
}
