package io.liveloop.fulfillment.service;

import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentItem;
import io.liveloop.fulfillment.domain.ShipTo;
import io.liveloop.fulfillment.domain.WebhookDelivery;
import io.liveloop.fulfillment.repository.DeliveryRepository;
import io.liveloop.fulfillment.repository.ShipmentRepository;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Shipments for paid orders: creation, cancellation, overdue flagging, reading. */
@ApplicationScoped
public class ShipmentService {

    private static final Logger LOG = Logger.getLogger(ShipmentService.class);

    /** What fulfillment needs of a paid order. */
    public record PaidOrder(UUID orderId, UUID buyerId, UUID shopId, List<ShipmentItem> items, ShipTo shipTo,
                            int shipWithinHours, Instant paidAt) {
    }

    private final ShipmentRepository shipments;
    private final DeliveryRepository deliveries;
    private final PartnerService partners;
    private final ShipmentDispatcher dispatcher;
    private final ShipmentEvents events;
    private final Clock clock;

    public ShipmentService(ShipmentRepository shipments, DeliveryRepository deliveries, PartnerService partners,
                           ShipmentDispatcher dispatcher, ShipmentEvents events, Clock clock) {
        this.shipments = shipments;
        this.deliveries = deliveries;
        this.partners = partners;
        this.dispatcher = dispatcher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates the order's shipment and queues the pickup request to its partner. One shipment per order, however
     * many times (or under however many event ids) the payment is announced.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Shipment> createForPaidOrder(PaidOrder order) {
        if (shipments.forOrder(order.orderId()).isPresent()) {
            LOG.debugf("Order %s already has its shipment", order.orderId());
            return Optional.empty();
        }
        Optional<Partner> partner = partners.partnerFor(order.shopId());
        Shipment shipment = new Shipment(order.orderId(), order.buyerId(), order.shopId(),
                partner.map(Partner::getId).orElse(null), order.items(), order.shipTo(), order.paidAt(),
                Duration.ofHours(order.shipWithinHours()), clock.instant());
        shipments.persist(shipment);
        events.created(shipment);
        if (partner.isPresent()) {
            dispatcher.requestPickup(shipment);
        } else {
            LOG.errorf("No logistics partner for shop %s (no shop partner, no default): shipment %s of order %s waits",
                    order.shopId(), shipment.getId(), order.orderId());
        }
        return Optional.of(shipment);
    }

    /**
     * The order was cancelled or refunded. A shipment not yet picked up is cancelled (pending requests stop, and
     * the partner is told if it may have seen the request); one already picked up is flagged for support.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelForOrder(UUID orderId, String reason) {
        Optional<Shipment> found = shipments.lockForOrder(orderId);
        if (found.isEmpty()) {
            return;
        }
        Shipment shipment = found.get();
        Instant now = clock.instant();
        switch (shipment.cancel(reason, now)) {
            case CANCELLED -> {
                boolean partnerMayKnow = shipment.wasDispatched();
                for (WebhookDelivery delivery : deliveries.forShipment(shipment.getId())) {
                    partnerMayKnow |= delivery.getAttemptCount() > 0;
                    delivery.cancel(now);
                }
                events.cancelled(shipment, now, reason);
                if (partnerMayKnow && shipment.getPartnerId() != null) {
                    dispatcher.announceCancellation(shipment, reason);
                }
            }
            case FLAGGED_FOR_SUPPORT -> LOG.warnf("Order %s was %s after pickup; shipment %s flagged for support",
                    orderId, reason, shipment.getId());
            case ALREADY_CANCELLED -> {
            }
        }
    }

    /** Flags shipments past their ship-by that no partner picked up; returns how many. */
    @Transactional
    public int flagOverdue(int limit) {
        Instant now = clock.instant();
        List<Shipment> late = shipments.newlyOverdue(now, limit);
        for (Shipment shipment : late) {
            if (shipment.markOverdue(now)) {
                events.overdue(shipment, now);
            }
        }
        return late.size();
    }

    @Transactional
    public <T> T shipment(UUID id, Function<Shipment, T> view) {
        return view.apply(shipments.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("shipment", id)));
    }

    @Transactional
    public <T> Page<T> list(ShipmentRepository.Filter filter, PageRequest page, Function<Shipment, T> toItem) {
        return page.page(shipments.list(filter, page), toItem);
    }

    @Transactional
    public ShipmentRepository.Performance performance(String column, UUID id, Instant since) {
        return shipments.performance(column, id, since, clock.instant());
    }
}
