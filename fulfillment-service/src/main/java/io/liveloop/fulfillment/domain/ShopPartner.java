package io.liveloop.fulfillment.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The partner a shop's parcels go to; shops without one use the default partner. */
@Entity
@Table(name = "shop_partner")
public class ShopPartner {

    @Id
    @Column(name = "shop_id")
    private UUID shopId;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Column(name = "assigned_by")
    private UUID assignedBy;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ShopPartner() {
    }

    public ShopPartner(UUID shopId, UUID partnerId, UUID assignedBy, Instant now) {
        this.shopId = shopId;
        assign(partnerId, assignedBy, now);
    }

    public void assign(UUID partnerId, UUID assignedBy, Instant now) {
        this.partnerId = partnerId;
        this.assignedBy = assignedBy;
        this.updatedAt = now;
    }

    public UUID getShopId() { return shopId; }
    public UUID getPartnerId() { return partnerId; }
    public UUID getAssignedBy() { return assignedBy; }
    public Instant getUpdatedAt() { return updatedAt; }
}
