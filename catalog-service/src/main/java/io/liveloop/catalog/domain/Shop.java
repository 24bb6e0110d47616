package io.liveloop.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "shop")
public class Shop {

    @Id
    private UUID id;
    private String name;
    private String description;
    @Column(name = "owner_id")
    private UUID ownerId;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Shop() {
    }

    public Shop(UUID ownerId, String name, String description, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.name = name;
        this.description = description == null ? "" : description;
        this.createdAt = now;
    }

    public boolean isOwnedBy(UUID userId) {
        return ownerId.equals(userId);
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public UUID getOwnerId() { return ownerId; }
    public Instant getCreatedAt() { return createdAt; }
}
