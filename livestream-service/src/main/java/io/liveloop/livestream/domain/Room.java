package io.liveloop.livestream.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A host's live room: the place viewers follow; its sessions are the broadcasts. */
@Entity
@Table(name = "room")
public class Room {

    @Id
    private UUID id;
    @Column(name = "host_id")
    private UUID hostId;
    private String title;
    @Column(name = "cover_image_url")
    private String coverImageUrl;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Room() {
    }

    public Room(UUID hostId, String title, String coverImageUrl, Instant now) {
        this.id = UUID.randomUUID();
        this.hostId = hostId;
        this.title = title;
        this.coverImageUrl = coverImageUrl;
        this.createdAt = now;
    }

    public boolean isHostedBy(UUID userId) {
        return hostId.equals(userId);
    }

    public UUID getId() { return id; }
    public UUID getHostId() { return hostId; }
    public String getTitle() { return title; }
    public String getCoverImageUrl() { return coverImageUrl; }
    public Instant getCreatedAt() { return createdAt; }
}
