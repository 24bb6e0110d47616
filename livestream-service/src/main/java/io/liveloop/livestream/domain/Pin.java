package io.liveloop.livestream.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A product in a session's bag. Part of the {@link LiveSession} aggregate, changed only through it. */
@Entity
@Table(name = "pin")
public class Pin {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "session_id")
    private LiveSession session;
    @Column(name = "product_id")
    private UUID productId;
    @Column(name = "shop_id")
    private UUID shopId;
    private int position;
    private String title;
    @Column(name = "image_url")
    private String imageUrl;
    private String note;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<PinnedSku> skus;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<Offer> offers;
    @Column(name = "pinned_at")
    private Instant pinnedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Pin() {
    }

    Pin(LiveSession session, UUID productId, UUID shopId, int position, String title, String imageUrl, String note,
        List<PinnedSku> skus, List<Offer> offers, Instant now) {
        this.id = UUID.randomUUID();
        this.session = session;
        this.productId = productId;
        this.shopId = shopId;
        this.position = position;
        this.title = title;
        this.imageUrl = imageUrl;
        this.note = note;
        this.skus = List.copyOf(skus);
        this.offers = List.copyOf(offers);
        this.pinnedAt = now;
        this.updatedAt = now;
    }

    void moveTo(int position, Instant now) {
        this.position = position;
        this.updatedAt = now;
    }

    void annotate(String note, Instant now) {
        this.note = note;
        this.updatedAt = now;
    }

    void offer(List<Offer> offers, Instant now) {
        this.offers = List.copyOf(offers);
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getProductId() { return productId; }
    public UUID getShopId() { return shopId; }
    public int getPosition() { return position; }
    public String getTitle() { return title; }
    public String getImageUrl() { return imageUrl; }
    public String getNote() { return note; }
    public List<PinnedSku> getSkus() { return skus; }
    public List<Offer> getOffers() { return offers; }
    public Instant getPinnedAt() { return pinnedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
