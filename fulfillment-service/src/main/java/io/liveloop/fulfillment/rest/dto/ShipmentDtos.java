package io.liveloop.fulfillment.rest.dto;

import io.liveloop.fulfillment.domain.DeliveryAttempt;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentItem;
import io.liveloop.fulfillment.domain.ShipTo;
import io.liveloop.fulfillment.domain.TrackingEvent;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.fulfillment.repository.ShipmentRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response records of the shipment, delivery and performance endpoints. */
public final class ShipmentDtos {

    private ShipmentDtos() {
    }

    public record TrackingEntry(String type, Instant occurredAt, Instant receivedAt, String trackingNumber,
                                String location, String note, boolean applied) {
        public static TrackingEntry from(TrackingEvent e) {
            return new TrackingEntry(e.getType().wireName(), e.getOccurredAt(), e.getReceivedAt(), e.getTrackingNumber(),
                    e.getLocation(), e.getNote(), e.isApplied());
        }
    }

    public record ShipmentResponse(UUID id, UUID orderId, UUID buyerId, UUID shopId, UUID partnerId, String status,
                                   List<ShipmentItem> items, ShipTo shipTo, Instant paidAt, Instant shipBy,
                                   boolean overdue, String trackingNumber, Instant dispatchedAt, Instant pickedUpAt,
                                   Instant deliveredAt, Instant cancelledAt, String supportNote, Instant createdAt,
                                   Instant updatedAt, List<TrackingEntry> timeline) {
        public static ShipmentResponse from(Shipment s) {
            return new ShipmentResponse(s.getId(), s.getOrderId(), s.getBuyerId(), s.getShopId(), s.getPartnerId(),
                    s.getStatus().name(), s.getItems(), s.getShipTo(), s.getPaidAt(), s.getShipBy(), s.isOverdue(),
                    s.getTrackingNumber(), s.getDispatchedAt(), s.getPickedUpAt(), s.getDeliveredAt(),
                    s.getCancelledAt(), s.getSupportNote(), s.getCreatedAt(), s.getUpdatedAt(),
                    s.getTimeline().stream().map(TrackingEntry::from).toList());
        }
    }

    public record AttemptResponse(Instant attemptedAt, Integer statusCode, long latencyMs, String error,
                                  String responseExcerpt) {
        public static AttemptResponse from(DeliveryAttempt a) {
            return new AttemptResponse(a.getAttemptedAt(), a.getStatusCode(), a.getLatencyMs(), a.getError(),
                    a.getResponseExcerpt());
        }
    }

    public record DeliveryResponse(UUID id, UUID partnerId, UUID shipmentId, String type, String messageId,
                                   String status, int attemptCount, Instant nextAttemptAt, Instant lastAttemptAt,
                                   Instant createdAt, List<AttemptResponse> attempts) {
        public static DeliveryResponse from(WebhookDelivery d) {
            return new DeliveryResponse(d.getId(), d.getPartnerId(), d.getShipmentId(), d.getEventType(),
                    d.getMessageId(), d.getStatus().name(), d.getAttemptCount(), d.getNextAttemptAt(),
                    d.getLastAttemptAt(), d.getCreatedAt(), d.getAttempts().stream().map(AttemptResponse::from).toList());
        }
    }

    /**
     * Pickup and delivery figures since {@code since}. {@code onTimeRate} is picked up on time over all that are
     * due or done (on time + late + overdue now); null when there is none yet. Hours count from payment.
     */
    public record PerformanceResponse(Instant since, long shipments, long pickedUpOnTime, long pickedUpLate,
                                      long overdueNow, Double onTimeRate, Double medianHoursToPickup,
                                      Double medianHoursToDelivery) {
        public static PerformanceResponse from(Instant since, ShipmentRepository.Performance p) {
            long judged = p.pickedUpOnTime() + p.pickedUpLate() + p.overdueNow();
            return new PerformanceResponse(since, p.shipments(), p.pickedUpOnTime(), p.pickedUpLate(), p.overdueNow(),
                    judged == 0 ? null : round((double) p.pickedUpOnTime() / judged, 4),
                    p.medianHoursToPickup() == null ? null : round(p.medianHoursToPickup(), 2),
                    p.medianHoursToDelivery() == null ? null : round(p.medianHoursToDelivery(), 2));
        }

        private static double round(double value, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(value * scale) / scale;
        }
    }
}
