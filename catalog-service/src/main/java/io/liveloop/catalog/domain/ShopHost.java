package io.liveloop.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A host a shop works with: may pin the shop's products without the alliance pool. */
@Entity
@Table(name = "shop_host")
public class ShopHost {

    @Embeddable
    public record Key(@Column(name = "shop_id") UUID shopId, @Column(name = "host_id") UUID hostId) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "added_at")
    private Instant addedAt;

    protected ShopHost() {
    }

    public ShopHost(UUID shopId, UUID hostId, Instant now) {
        this.key = new Key(shopId, hostId);
        this.addedAt = now;
    }

    public UUID getShopId() { return key.shopId(); }
    public UUID getHostId() { return key.hostId(); }
    public Instant getAddedAt() { return addedAt; }
}
