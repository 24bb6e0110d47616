package io.liveloop.fulfillment.domain;

import io.liveloop.platform.webhooks.WebhookSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A logistics company we hand parcels to over signed webhooks. Its signing secret is shared both ways: we sign
 * what we send with it, and it signs the tracking it sends us. A rotated-out secret keeps working for a grace
 * period so that neither side has a window in which messages fail.
 */
@Entity
@Table(name = "partner")
public class Partner {

    @Id
    private UUID id;
    private String name;
    @Column(name = "webhook_url")
    private String webhookUrl;
    @Column(name = "is_default")
    private boolean isDefault;
    private boolean enabled;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "signing_secret")
    private String signingSecret;
    @Column(name = "previous_secret")
    private String previousSecret;
    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Partner() {
    }

    public Partner(String name, String webhookUrl, boolean isDefault, WebhookSecret secret, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.webhookUrl = webhookUrl;
        this.isDefault = isDefault;
        this.enabled = true;
        this.signingSecret = secret.value();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A new secret; the current one stays valid for {@code grace}, then only the new one is. */
    public void rotateSecret(WebhookSecret next, Duration grace, Instant now) {
        this.previousSecret = signingSecret;
        this.previousSecretExpiresAt = now.plus(grace);
        this.signingSecret = next.value();
        this.updatedAt = now;
    }

    /** The secrets that sign and verify right now: the current one, and the previous one within its grace. */
    public List<WebhookSecret> activeSecrets(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(WebhookSecret.parse(signingSecret));
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(WebhookSecret.parse(previousSecret));
        }
        return secrets;
    }

    public void moveEndpoint(String webhookUrl, Instant now) {
        this.webhookUrl = webhookUrl;
        this.updatedAt = now;
    }

    public void makeDefault(boolean isDefault, Instant now) {
        this.isDefault = isDefault;
        this.updatedAt = now;
    }

    /** Stops sending to this partner (410 Gone, or an admin); its pending deliveries wait until it is enabled again. */
    public void disable(String reason, Instant now) {
        this.enabled = false;
        this.disabledReason = reason;
        this.updatedAt = now;
    }

    public void enable(Instant now) {
        this.enabled = true;
        this.disabledReason = null;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getWebhookUrl() { return webhookUrl; }
    public boolean isDefault() { return isDefault; }
    public boolean isEnabled() { return enabled; }
    public String getDisabledReason() { return disabledReason; }
    public String getSigningSecret() { return signingSecret; }
    public Instant getPreviousSecretExpiresAt() { return previousSecretExpiresAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
