package io.liveloop.fulfillment.service;

import io.liveloop.fulfillment.config.FulfillmentConfig;
import io.liveloop.fulfillment.domain.AttemptResult;
import io.liveloop.fulfillment.domain.DeliveryStatus;
import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentStatus;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.fulfillment.repository.DeliveryRepository;
import io.liveloop.fulfillment.repository.PartnerRepository;
import io.liveloop.fulfillment.repository.ShipmentRepository;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.webhooks.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** The database side of outbound webhooks: claiming due deliveries, recording attempts, redelivery, listing. */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** One claimed delivery, with what the sender needs to sign and send it outside any transaction. */
    public record Outgoing(UUID deliveryId, UUID shipmentId, String url, String messageId, byte[] body,
                           List<WebhookSecret> secrets) {
    }

    /** What one attempt at a delivery gave, to be recorded. */
    public record Attempted(UUID deliveryId, UUID shipmentId, AttemptResult result) {
    }

    private final DeliveryRepository deliveries;
    private final PartnerRepository partners;
    private final ShipmentRepository shipments;
    private final ShipmentEvents events;
    private final Event<DeliveryQueued> queued;
    private final FulfillmentConfig config;
    private final Clock clock;

    public DeliveryService(DeliveryRepository deliveries, PartnerRepository partners, ShipmentRepository shipments,
                           ShipmentEvents events, Event<DeliveryQueued> queued, FulfillmentConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.partners = partners;
        this.shipments = shipments;
        this.events = events;
        this.queued = queued;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due deliveries. Each is leased for a little longer than an attempt may take, so
     * another instance skips it meanwhile, and a crash mid-attempt only delays it.
     */
    @Transactional
    public List<Outgoing> claimDue(int limit) {
        Instant now = clock.instant();
        Instant lease = now.plus(config.webhooks().timeout()).plusSeconds(30);
        List<UUID> ids = deliveries.claimDue(now, lease, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Outgoing> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : deliveries.byIds(ids)) {
            Partner partner = partners.findById(delivery.getPartnerId());
            claimed.add(new Outgoing(delivery.getId(), delivery.getShipmentId(), partner.getWebhookUrl(),
                    delivery.getMessageId(), delivery.getPayload().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    partner.activeSecrets(now)));
        }
        return claimed;
    }

    /**
     * Records attempts and their consequences: each shipment dispatched or failed, a partner disabled on 410. One
     * transaction for all of them (the sender hands over whatever finished meanwhile, so under load one commit
     * records many). Locks the shipments before the deliveries, as a cancellation does (a shipment, then its
     * deliveries), and each set in one order (UUID order) every recording follows, so recordings do not deadlock
     * each other. Locked one row at a time by id: an id lookup is a prepared statement Hibernate keeps, where a
     * query over a list of ids would be translated again for every new length of the list.
     */
    @Transactional
    public void recordAttempts(List<Attempted> attempts) {
        Instant now = clock.instant();
        Map<UUID, Shipment> lockedShipments = new HashMap<>();
        new TreeSet<>(attempts.stream().map(Attempted::shipmentId).toList())
                .forEach(id -> lockedShipments.put(id, shipments.lock(id).orElseThrow()));
        Map<UUID, WebhookDelivery> lockedDeliveries = new HashMap<>();
        new TreeSet<>(attempts.stream().map(Attempted::deliveryId).toList())
                .forEach(id -> lockedDeliveries.put(id, deliveries.lock(id).orElseThrow()));
        for (Attempted attempted : attempts) {
            record(lockedDeliveries.get(attempted.deliveryId()), lockedShipments.get(attempted.shipmentId()),
                    attempted.result(), now);
        }
    }

    private void record(WebhookDelivery delivery, Shipment shipment, AttemptResult result, Instant now) {
        double jitter = config.webhooks().jitter() <= 0 ? 0 : ThreadLocalRandom.current().nextDouble(config.webhooks().jitter());
        WebhookDelivery.Outcome outcome = delivery.recordAttempt(result, config.webhooks().retrySchedule(), jitter,
                config.webhooks().maxRetryAfter(), now);
        switch (outcome) {
            case SUCCEEDED -> {
                if (delivery.isShipmentRequest() && shipment.markDispatched(now)) {
                    events.dispatched(shipment, now);
                }
            }
            case ENDPOINT_GONE -> {
                Partner partner = partners.findById(delivery.getPartnerId());
                partner.disable("webhook endpoint answered 410 Gone at " + now, now);
                LOG.warnf("Partner %s answered 410 Gone: disabled; its deliveries wait until it is enabled again",
                        partner.getId());
                dispatchFailed(delivery, shipment, "partner endpoint is gone (410)", now);
            }
            case DEAD -> dispatchFailed(delivery, shipment,
                    "no attempt succeeded (" + delivery.getAttemptCount() + " attempts)", now);
            case RETRY_SCHEDULED -> LOG.debugf("Delivery %s attempt %d failed (%s); next at %s", delivery.getId(),
                    delivery.getAttemptCount(), result.statusCode() == null ? result.error() : result.statusCode(),
                    delivery.getNextAttemptAt());
            case IGNORED -> {
            }
        }
    }

    private void dispatchFailed(WebhookDelivery delivery, Shipment shipment, String reason, Instant now) {
        LOG.warnf("Delivery %s (%s) is dead: %s", delivery.getId(), delivery.getEventType(), reason);
        if (delivery.isShipmentRequest() && shipment.markDispatchFailed(now)) {
            events.dispatchFailed(shipment, now, reason);
        }
    }

    /** An admin sends it again now (the same message id and body, freshly signed). */
    @Transactional
    public WebhookDelivery redeliver(UUID deliveryId) {
        Instant now = clock.instant();
        WebhookDelivery delivery = deliveries.lock(deliveryId)
                .orElseThrow(() -> ProblemException.notFound("delivery", deliveryId));
        Partner partner = partners.findById(delivery.getPartnerId());
        if (!partner.isEnabled()) {
            throw ProblemException.conflict("partner-disabled", "Partner disabled",
                    "partner " + partner.getId() + " is disabled (" + partner.getDisabledReason()
                            + "); enable it (PATCH enabled=true) before redelivering");
        }
        if (delivery.isShipmentRequest()
                && shipments.findById(delivery.getShipmentId()).getStatus() == ShipmentStatus.CANCELLED) {
            throw ProblemException.conflict("shipment-cancelled", "Shipment cancelled",
                    "shipment " + delivery.getShipmentId() + " was cancelled; its request is not sent again");
        }
        delivery.redeliver(now);
        queued.fire(new DeliveryQueued(deliveryId));
        return delivery;
    }

    @Transactional
    public <T> Page<T> list(UUID partnerId, DeliveryStatus status, PageRequest page, Function<WebhookDelivery, T> toItem) {
        return page.page(deliveries.list(partnerId, status, page), toItem);
    }

    public Duration attemptTimeout() {
        return config.webhooks().timeout();
    }
}
