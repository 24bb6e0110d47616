package io.liveloop.fulfillment.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One signed message to a partner and its way there. The message id and body stay the same across attempts (the
 * partner drops repeats by webhook-id); only the signature timestamp is fresh each time. Retry state lives here,
 * in the database, so retries survive a restart.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public static final String SHIPMENT_REQUESTED = "shipment.requested";
    public static final String SHIPMENT_CANCELLED = "shipment.cancelled";

    /** What an attempt's outcome did to the delivery. */
    public enum Outcome { SUCCEEDED, RETRY_SCHEDULED, DEAD, ENDPOINT_GONE, IGNORED }

    @Id
    private UUID id;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Column(name = "shipment_id")
    private UUID shipmentId;
    @Column(name = "event_type")
    private String eventType;
    @Column(name = "message_id")
    private String messageId;
    private String payload;
    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;
    @Column(name = "attempt_count")
    private int attemptCount;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "delivery", cascade = CascadeType.ALL)
    @OrderBy("id")
    private List<DeliveryAttempt> attempts = new ArrayList<>();

    protected WebhookDelivery() {
    }

    public WebhookDelivery(UUID partnerId, UUID shipmentId, String eventType, String messageId, String payload,
                           Instant firstAttemptAt, Instant now) {
        this.id = UUID.randomUUID();
        this.partnerId = partnerId;
        this.shipmentId = shipmentId;
        this.eventType = eventType;
        this.messageId = messageId;
        this.payload = payload;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = firstAttemptAt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Records an attempt and decides what comes next: done on a 2xx; dead on 410 or after the last attempt of the
     * schedule; otherwise the schedule's next delay, or the partner's Retry-After when that is longer.
     *
     * @param delays the delay before each attempt (its size is the number of attempts)
     * @param jitter a random fraction in [0, 1) of the delay to add
     */
    public Outcome recordAttempt(AttemptResult result, List<Duration> delays, double jitter, Duration maxRetryAfter,
                                 Instant now) {
        attempts.add(new DeliveryAttempt(this, result));
        attemptCount++;
        lastAttemptAt = result.attemptedAt();
        updatedAt = now;
        if (status != DeliveryStatus.PENDING) {
            return Outcome.IGNORED; // cancelled (or redelivered and settled) while this attempt was in flight
        }
        if (result.succeeded()) {
            status = DeliveryStatus.SUCCEEDED;
            nextAttemptAt = null;
            return Outcome.SUCCEEDED;
        }
        if (result.endpointGone()) {
            status = DeliveryStatus.DEAD;
            nextAttemptAt = null;
            return Outcome.ENDPOINT_GONE;
        }
        if (attemptCount >= delays.size()) {
            status = DeliveryStatus.DEAD;
            nextAttemptAt = null;
            return Outcome.DEAD;
        }
        Duration delay = delays.get(attemptCount);
        delay = delay.plusMillis((long) (delay.toMillis() * jitter));
        if (result.retryAfter() != null) {
            Duration asked = result.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : result.retryAfter();
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        nextAttemptAt = now.plus(delay);
        return Outcome.RETRY_SCHEDULED;
    }

    /**
     * An admin asks for it to go out again now. A settled delivery gets one more attempt (a failure leaves it DEAD
     * again); a pending one is simply moved forward.
     */
    public void redeliver(Instant now) {
        status = DeliveryStatus.PENDING;
        nextAttemptAt = now;
        updatedAt = now;
    }

    /** Its shipment was cancelled before it got through: stop trying. */
    public boolean cancel(Instant now) {
        if (status != DeliveryStatus.PENDING) {
            return false;
        }
        status = DeliveryStatus.CANCELLED;
        nextAttemptAt = null;
        updatedAt = now;
        return true;
    }

    public boolean isShipmentRequest() {
        return SHIPMENT_REQUESTED.equals(eventType);
    }

    public UUID getId() { return id; }
    public UUID getPartnerId() { return partnerId; }
    public UUID getShipmentId() { return shipmentId; }
    public String getEventType() { return eventType; }
    public String getMessageId() { return messageId; }
    public String getPayload() { return payload; }
    public DeliveryStatus getStatus() { return status; }
    public int getAttemptCount() { return attemptCount; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getLastAttemptAt() { return lastAttemptAt; }
    public Instant getCreatedAt() { return createdAt; }
    public List<DeliveryAttempt> getAttempts() { return attempts; }
}
