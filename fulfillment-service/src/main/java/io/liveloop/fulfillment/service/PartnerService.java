package io.liveloop.fulfillment.service;

import io.liveloop.fulfillment.config.FulfillmentConfig;
import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.ShopPartner;
import io.liveloop.fulfillment.repository.PartnerRepository;
import io.liveloop.fulfillment.webhooks.WebhookTargets;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.webhooks.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Logistics partners, their secrets and which shop ships with which. */
@ApplicationScoped
public class PartnerService {

    /** A new partner with its secret, which is shown this once. */
    public record Created(Partner partner, String signingSecret) {
    }

    /** A partner's new secret, shown this once, and until when the old one still works. */
    public record Rotated(Partner partner, String signingSecret, Instant previousSecretExpiresAt) {
    }

    private final PartnerRepository partners;
    private final WebhookTargets targets;
    private final FulfillmentConfig config;
    private final Clock clock;

    public PartnerService(PartnerRepository partners, WebhookTargets targets, FulfillmentConfig config, Clock clock) {
        this.partners = partners;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Created create(String name, String webhookUrl, boolean isDefault) {
        URI url = targets.parse(webhookUrl, "webhookUrl");
        targets.requireAllowed(url);
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.generate();
        Partner partner = new Partner(name.strip(), url.toString(), isDefault, secret, now);
        if (isDefault) {
            partners.clearDefaultExcept(partner.getId());
        }
        partners.persist(partner);
        return new Created(partner, secret.value());
    }

    public Partner partner(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("partner", id));
    }

    public List<Partner> all() {
        return partners.all();
    }

    @Transactional
    public Partner update(UUID id, String webhookUrl, Boolean isDefault, Boolean enabled) {
        Partner partner = partner(id);
        Instant now = clock.instant();
        if (webhookUrl != null) {
            URI url = targets.parse(webhookUrl, "webhookUrl");
            targets.requireAllowed(url);
            partner.moveEndpoint(url.toString(), now);
        }
        if (isDefault != null) {
            if (isDefault) {
                partners.clearDefaultExcept(id);
                partners.flush();
            }
            partner.makeDefault(isDefault, now);
        }
        if (enabled != null) {
            if (enabled) {
                partner.enable(now);
            } else {
                partner.disable("disabled by an admin", now);
            }
        }
        return partner;
    }

    @Transactional
    public Rotated rotateSecret(UUID id) {
        Partner partner = partner(id);
        Instant now = clock.instant();
        WebhookSecret next = WebhookSecret.generate();
        partner.rotateSecret(next, config.webhooks().previousSecretGrace(), now);
        return new Rotated(partner, next.value(), partner.getPreviousSecretExpiresAt());
    }

    /** Picks the partner for a shop's parcels (the caller's right to do so is checked before). */
    @Transactional
    public ShopPartner route(UUID shopId, UUID partnerId, UUID assignedBy) {
        if (partners.findByIdOptional(partnerId).isEmpty()) {
            throw ProblemException.unprocessable("unknown-partner", "Unknown partner",
                    "partner " + partnerId + " does not exist");
        }
        Instant now = clock.instant();
        Optional<ShopPartner> existing = partners.shopRouting(shopId);
        if (existing.isPresent()) {
            existing.get().assign(partnerId, assignedBy, now);
            return existing.get();
        }
        ShopPartner routing = new ShopPartner(shopId, partnerId, assignedBy, now);
        partners.saveRouting(routing);
        return routing;
    }

    /**
     * The partner a new shipment of the shop goes to: the shop's own, else the default; an enabled one first. If
     * only a disabled one is there, it is used and its deliveries wait until it is enabled again.
     */
    public Optional<Partner> partnerFor(UUID shopId) {
        Optional<Partner> own = partners.shopRouting(shopId).flatMap(r -> partners.findByIdOptional(r.getPartnerId()));
        if (own.isPresent() && own.get().isEnabled()) {
            return own; // the usual case: the default partner is looked up only when it is needed
        }
        Optional<Partner> fallback = partners.defaultPartner();
        if (fallback.isPresent() && fallback.get().isEnabled()) {
            return fallback;
        }
        return own.isPresent() ? own : fallback;
    }
}
