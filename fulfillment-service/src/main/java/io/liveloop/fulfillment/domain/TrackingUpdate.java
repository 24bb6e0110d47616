package io.liveloop.fulfillment.domain;

import java.time.Instant;

/** A partner's report about a parcel, as accepted from its signed webhook. */
public record TrackingUpdate(TrackingType type, Instant occurredAt, String trackingNumber, String location, String note,
                             String webhookId) {
}
