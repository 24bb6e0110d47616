package io.liveloop.fulfillment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One try at delivering a webhook: when, what came back (or why nothing did), how long it took. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "delivery_id")
    private WebhookDelivery delivery;
    @Column(name = "attempted_at")
    private Instant attemptedAt;
    @Column(name = "status_code")
    private Integer statusCode;
    @Column(name = "latency_ms")
    private long latencyMs;
    private String error;
    @Column(name = "response_excerpt")
    private String responseExcerpt;

    protected DeliveryAttempt() {
    }

    DeliveryAttempt(WebhookDelivery delivery, AttemptResult result) {
        this.delivery = delivery;
        this.attemptedAt = result.attemptedAt();
        this.statusCode = result.statusCode();
        this.latencyMs = result.latencyMs();
        this.error = result.error();
        this.responseExcerpt = result.responseExcerpt();
    }

    public Long getId() { return id; }
    public Instant getAttemptedAt() { return attemptedAt; }
    public Integer getStatusCode() { return statusCode; }
    public long getLatencyMs() { return latencyMs; }
    public String getError() { return error; }
    public String getResponseExcerpt() { return responseExcerpt; }
}
