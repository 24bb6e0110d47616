package io.liveloop.catalog.domain;

import io.liveloop.catalog.rest.dto.ReservationResponse;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order's hold on stock (its id is the order id). RESERVED → CONFIRMED (paid) → REFUNDED (refunded before
 * dispatch), or RESERVED → RELEASED (cancelled, or expired unconfirmed). Each move happens once: a repeated
 * event finds the reservation already moved and changes nothing. Reservations are created RESERVED, many per
 * statement, by {@code ReservationRepository.storeGranted} (the merged deduction); this entity moves them on.
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    public enum Status { RESERVED, CONFIRMED, RELEASED, REFUNDED }

    @Embeddable
    public record Item(@Column(name = "sku_id") UUID skuId, int quantity) {
    }

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    private ReservationResponse response;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_item", joinColumns = @JoinColumn(name = "reservation_id"))
    private List<Item> items;

    protected Reservation() {
    }

    /** Paid: the held units become sold. False if it is not held (already confirmed, or released). */
    public boolean confirm(Instant now) {
        return move(Status.RESERVED, Status.CONFIRMED, now);
    }

    /** Cancelled or expired: the held units return to available. */
    public boolean release(Instant now) {
        return move(Status.RESERVED, Status.RELEASED, now);
    }

    /** Refunded after payment: the sold units return to available. */
    public boolean refund(Instant now) {
        return move(Status.CONFIRMED, Status.REFUNDED, now);
    }

    private boolean move(Status from, Status to, Instant now) {
        if (status != from) {
            return false;
        }
        status = to;
        updatedAt = now;
        return true;
    }

    public boolean sameItemsAs(List<Item> other) {
        return sameItems(items, other);
    }

    /** Whether two requests for one reservation id ask for the same thing (the order of items does not matter). */
    public static boolean sameItems(List<Item> some, List<Item> others) {
        return new java.util.HashSet<>(some).equals(new java.util.HashSet<>(others));
    }

    public UUID getId() { return id; }
    public Status getStatus() { return status; }
    public Instant getExpiresAt() { return expiresAt; }
    public List<Item> getItems() { return items; }
    public ReservationResponse getResponse() { return response; }
}
