package io.liveloop.fulfillment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.Shipment;
import io.liveloop.fulfillment.domain.ShipmentStatus;
import io.liveloop.fulfillment.domain.TrackingType;
import io.liveloop.fulfillment.domain.TrackingUpdate;
import io.liveloop.fulfillment.repository.InboundWebhookRepository;
import io.liveloop.fulfillment.repository.PartnerRepository;
import io.liveloop.fulfillment.repository.ShipmentRepository;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookVerificationException;
import io.liveloop.platform.webhooks.WebhookVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tracking webhooks from partners. In this order: the partner must exist and the signature must verify with its
 * active secrets (both 401, alike, so nobody learns which partners exist); a webhook-id seen before is a replay
 * and changes nothing; then the body must be well-formed (400 naming the field) and name a shipment of this
 * partner (404). The webhook-id is recorded in the same transaction as the effect.
 */
@ApplicationScoped
public class TrackingService {

    public enum Outcome { ACCEPTED, REPLAY }

    private static final int MAX_TEXT = 500;

    private final PartnerRepository partners;
    private final ShipmentRepository shipments;
    private final InboundWebhookRepository seen;
    private final ShipmentEvents events;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookVerifier verifier;

    public TrackingService(PartnerRepository partners, ShipmentRepository shipments, InboundWebhookRepository seen,
                           ShipmentEvents events, ObjectMapper json, Clock clock) {
        this.partners = partners;
        this.shipments = shipments;
        this.seen = seen;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.verifier = new WebhookVerifier(clock);
    }

    @Transactional
    public Outcome receive(String partnerId, Map<String, String> headers, byte[] body) {
        Instant now = clock.instant();
        Partner partner = parseId(partnerId).flatMap(partners::findByIdOptional).orElseThrow(TrackingService::unknownSender);
        verifier.verify(headers, body, partner.activeSecrets(now));
        String webhookId = header(headers, SignedHeaders.ID);
        if (!seen.firstTime(partner.getId(), webhookId, now)) {
            return Outcome.REPLAY;
        }
        Report report = parse(body);
        Shipment shipment = shipments.lock(report.shipmentId())
                .filter(s -> partner.getId().equals(s.getPartnerId()))
                .orElseThrow(() -> ProblemException.notFound("shipment", report.shipmentId()));
        TrackingUpdate update = new TrackingUpdate(report.type(), report.occurredAt(), report.trackingNumber(),
                report.location(), report.note(), webhookId);
        for (ShipmentStatus reached : shipment.recordTracking(update, now)) {
            events.tracked(shipment, reached, report.occurredAt(), report.location(), report.note());
        }
        return Outcome.ACCEPTED;
    }

    private record Report(TrackingType type, UUID shipmentId, Instant occurredAt, String trackingNumber,
                          String location, String note) {
    }

    /** Reads the body by hand: the signature covers these exact bytes, and every bad field is named. */
    private Report parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ProblemException(400, "malformed-request", "Malformed request body",
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(400, "malformed-request", "Malformed request body",
                    "The request body must be a JSON object {type, data}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String typeText = text(root, "type");
        Optional<TrackingType> type = Optional.ofNullable(typeText).flatMap(TrackingType::fromWire);
        if (type.isEmpty()) {
            errors.add(new Problem.FieldError("type", typeText == null ? "must not be missing"
                    : "must be one of shipment.picked_up, shipment.in_transit, shipment.out_for_delivery, "
                            + "shipment.delivered, shipment.exception"));
        }
        JsonNode data = root.path("data");
        UUID shipmentId = null;
        Instant occurredAt = null;
        if (!data.isObject()) {
            errors.add(new Problem.FieldError("data", "must be an object"));
        } else {
            String id = text(data, "shipmentId");
            shipmentId = parseId(id).orElse(null);
            if (shipmentId == null) {
                errors.add(new Problem.FieldError("data.shipmentId", id == null ? "must not be missing" : "must be a UUID"));
            }
            String at = text(data, "occurredAt");
            try {
                occurredAt = at == null ? null : Instant.parse(at);
            } catch (DateTimeParseException e) {
                occurredAt = null;
            }
            if (occurredAt == null) {
                errors.add(new Problem.FieldError("data.occurredAt",
                        at == null ? "must not be missing" : "must be an ISO-8601 UTC time such as 2026-05-01T08:30:00Z"));
            }
            for (String field : List.of("trackingNumber", "location", "note")) {
                JsonNode value = data.get(field);
                if (value != null && !value.isNull() && (!value.isTextual() || value.asText().length() > MAX_TEXT)) {
                    errors.add(new Problem.FieldError("data." + field, "must be a string of at most " + MAX_TEXT + " characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
            throw new ProblemException(400, "validation-failed", "Request is not valid", detail, errors, Map.of());
        }
        return new Report(type.get(), shipmentId, occurredAt, text(data, "trackingNumber"), text(data, "location"),
                text(data, "note"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() ? null : value.asText();
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The same answer as a signature that matches no secret: which partners exist is nobody's business. */
    private static WebhookVerificationException unknownSender() {
        return new WebhookVerificationException(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE,
                "no v1 signature in " + SignedHeaders.SIGNATURE + " matches the configured secrets");
    }
}
