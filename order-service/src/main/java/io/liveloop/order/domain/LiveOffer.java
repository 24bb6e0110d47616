package io.liveloop.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A live price for one SKU in one session, as the host set it (read model of live.sessions.v1 pins). */
@Entity
@Table(name = "live_offer")
public class LiveOffer {

    @Embeddable
    public record Key(@Column(name = "session_id") UUID sessionId, @Column(name = "sku_id") UUID skuId)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "product_id")
    private UUID productId;
    @Column(name = "live_price_cents")
    private long livePriceCents;
    @Column(name = "per_buyer_limit")
    private Integer perBuyerLimit;
    @Column(name = "starts_at")
    private Instant startsAt;

    protected LiveOffer() {
    }

    public LiveOffer(UUID sessionId, UUID skuId, UUID productId, long livePriceCents, Integer perBuyerLimit,
                     Instant startsAt) {
        this.key = new Key(sessionId, skuId);
        this.productId = productId;
        this.livePriceCents = livePriceCents;
        this.perBuyerLimit = perBuyerLimit;
        this.startsAt = startsAt;
    }

    /** The offer applies from its start time on (at once when it has none). */
    public boolean hasStarted(Instant now) {
        return startsAt == null || !now.isBefore(startsAt);
    }

    public UUID getSessionId() { return key.sessionId(); }
    public UUID getSkuId() { return key.skuId(); }
    public UUID getProductId() { return productId; }
    public long getLivePriceCents() { return livePriceCents; }
    public Integer getPerBuyerLimit() { return perBuyerLimit; }
    public Instant getStartsAt() { return startsAt; }
}
