package io.liveloop.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * What order-service knows of a live session, from {@code live.sessions.v1}: enough to attribute an order to its
 * host and to know whether live prices apply. SCHEDULED → LIVE → ENDED; an ended session never goes live again,
 * whatever order late events arrive in.
 */
@Entity
@Table(name = "live_session")
public class LiveSession {

    public enum Status { SCHEDULED, LIVE, ENDED }

    @Id
    private UUID id;
    @Column(name = "room_id")
    private UUID roomId;
    @Column(name = "host_id")
    private UUID hostId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected LiveSession() {
    }

    /** A session first heard of (from any of its events); it is SCHEDULED until it is reported started. */
    public LiveSession(UUID id, UUID roomId, UUID hostId, Instant now) {
        this.id = id;
        this.roomId = roomId;
        this.hostId = hostId;
        this.status = Status.SCHEDULED;
        this.updatedAt = now;
    }

    public void start(Instant at, Instant now) {
        if (status == Status.ENDED) {
            return;
        }
        status = Status.LIVE;
        startedAt = at;
        updatedAt = now;
    }

    public void end(Instant at, Instant now) {
        status = Status.ENDED;
        endedAt = at;
        updatedAt = now;
    }

    /** Fills in what an event carries and an earlier one may not have. */
    public void describe(UUID roomId, UUID hostId) {
        if (roomId != null) {
            this.roomId = roomId;
        }
        if (hostId != null) {
            this.hostId = hostId;
        }
    }

    public boolean isLive() {
        return status == Status.LIVE;
    }

    public UUID getId() { return id; }
    public UUID getRoomId() { return roomId; }
    public UUID getHostId() { return hostId; }
    public Status getStatus() { return status; }
}
