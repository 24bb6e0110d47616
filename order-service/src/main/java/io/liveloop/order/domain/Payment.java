package io.liveloop.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to pay an order through a provider: PENDING → SUCCEEDED | FAILED; SUCCEEDED → REFUNDED.
 * A success is never dropped, even from FAILED (the provider has the money); what happens to the order then
 * is the service's decision. Notifications that change nothing (duplicates) answer false.
 */
@Entity
@Table(name = "payment")
// Named, so Hibernate translates it once at boot: a provider's burst of notifications must not each parse HQL while
// holding a pooled connection (the parser serialises its callers; see PaymentRepository#byProviderRef).
@NamedQuery(name = Payment.BY_PROVIDER_REF, query = "from Payment p where p.provider = :provider and p.providerRef = :providerRef")
public class Payment {

    public static final String BY_PROVIDER_REF = "Payment.byProviderRef";

    @Id
    private UUID id;
    @Column(name = "order_id")
    private UUID orderId;
    private String provider;
    @Enumerated(EnumType.STRING)
    private PaymentStatus status;
    @Column(name = "amount_cents")
    private long amountCents;
    @Column(name = "provider_ref")
    private String providerRef;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "succeeded_at")
    private Instant succeededAt;
    @Column(name = "failed_at")
    private Instant failedAt;
    @Column(name = "refunded_at")
    private Instant refundedAt;
    @Version
    private long version;

    protected Payment() {
    }

    public Payment(UUID id, UUID orderId, String provider, long amountCents, String providerRef, Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.provider = provider;
        this.amountCents = amountCents;
        this.providerRef = providerRef;
        this.status = PaymentStatus.PENDING;
        this.createdAt = now;
    }

    /** The provider took the money. False for a repeated success. */
    public boolean succeed(Instant now) {
        if (status == PaymentStatus.SUCCEEDED || status == PaymentStatus.REFUNDED) {
            return false;
        }
        status = PaymentStatus.SUCCEEDED;
        succeededAt = now;
        return true;
    }

    /** The provider declined. Only a pending payment can fail; a late failure after a success changes nothing. */
    public boolean fail(Instant now) {
        if (status != PaymentStatus.PENDING) {
            return false;
        }
        status = PaymentStatus.FAILED;
        failedAt = now;
        return true;
    }

    /** The money went back to the buyer. */
    public boolean refund(Instant now) {
        if (status != PaymentStatus.SUCCEEDED) {
            return false;
        }
        status = PaymentStatus.REFUNDED;
        refundedAt = now;
        return true;
    }

    public UUID getId() { return id; }
    public UUID getOrderId() { return orderId; }
    public String getProvider() { return provider; }
    public PaymentStatus getStatus() { return status; }
    public long getAmountCents() { return amountCents; }
    public String getProviderRef() { return providerRef; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getSucceededAt() { return succeededAt; }
    public Instant getRefundedAt() { return refundedAt; }
}
