package io.liveloop.fulfillment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of a shipment's timeline, as the partner reported it. Late entries are kept but not applied. */
@Entity
@Table(name = "tracking_event")
public class TrackingEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "shipment_id")
    private Shipment shipment;
    @Enumerated(EnumType.STRING)
    private TrackingType type;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "tracking_number")
    private String trackingNumber;
    private String location;
    private String note;
    @Column(name = "webhook_id")
    private String webhookId;
    private boolean applied;

    protected TrackingEvent() {
    }

    TrackingEvent(Shipment shipment, TrackingUpdate update, Instant receivedAt) {
        this.shipment = shipment;
        this.type = update.type();
        this.occurredAt = update.occurredAt();
        this.trackingNumber = update.trackingNumber();
        this.location = update.location();
        this.note = update.note();
        this.webhookId = update.webhookId();
        this.receivedAt = receivedAt;
        this.applied = true;
    }

    void markLate() {
        this.applied = false;
    }

    public Long getId() { return id; }
    public TrackingType getType() { return type; }
    public Instant getOccurredAt() { return occurredAt; }
    public Instant getReceivedAt() { return receivedAt; }
    public String getTrackingNumber() { return trackingNumber; }
    public String getLocation() { return location; }
    public String getNote() { return note; }
    public boolean isApplied() { return applied; }
}
