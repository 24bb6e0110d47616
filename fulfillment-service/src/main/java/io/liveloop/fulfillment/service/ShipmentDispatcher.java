package io.liveloop.fulfillment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentItem;
import io.liveloop.fulfillment.domain.ShipTo;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.fulfillment.repository.DeliveryRepository;
import io.liveloop.platform.webhooks.WebhookSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Queues the messages a partner gets about a shipment, in the caller's transaction: {@code shipment.requested}
 * when it is created, {@code shipment.cancelled} when its order is cancelled after the partner may have seen it.
 * The body follows Standard Webhooks' {@code {type, timestamp, data}}; {@link WebhookSender} delivers it, woken by
 * {@link DeliveryQueued} as soon as the transaction commits.
 */
@ApplicationScoped
public class ShipmentDispatcher {

    public record Message<T>(String type, Instant timestamp, T data) {
    }

    public record RequestedData(UUID shipmentId, UUID orderId, List<ShipmentItem> items, ShipTo shipTo, Instant shipBy) {
    }

    public record CancelledData(UUID shipmentId, UUID orderId, String reason) {
    }

    private final DeliveryRepository deliveries;
    private final Event<DeliveryQueued> queued;
    private final ObjectMapper json;
    private final Clock clock;

    public ShipmentDispatcher(DeliveryRepository deliveries, Event<DeliveryQueued> queued, ObjectMapper json,
                              Clock clock) {
        this.deliveries = deliveries;
        this.queued = queued;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookDelivery requestPickup(Shipment shipment) {
        return queue(shipment, WebhookDelivery.SHIPMENT_REQUESTED, new RequestedData(shipment.getId(),
                shipment.getOrderId(), shipment.getItems(), shipment.getShipTo(), shipment.getShipBy()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookDelivery announceCancellation(Shipment shipment, String reason) {
        return queue(shipment, WebhookDelivery.SHIPMENT_CANCELLED,
                new CancelledData(shipment.getId(), shipment.getOrderId(), reason));
    }

    private WebhookDelivery queue(Shipment shipment, String type, Object data) {
        Instant now = clock.instant();
        String body;
        try {
            body = json.writeValueAsString(new Message<>(type, now, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " for shipment " + shipment.getId(), e);
        }
        WebhookDelivery delivery = new WebhookDelivery(shipment.getPartnerId(), shipment.getId(), type,
                WebhookSigner.newMessageId(), body, now, now);
        deliveries.persist(delivery);
        queued.fire(new DeliveryQueued(delivery.getId()));
        return delivery;
    }
}
