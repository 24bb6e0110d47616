package io.liveloop.livestream.domain;

import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One broadcast of a room and its bag. Life: SCHEDULED → LIVE → ENDED; any other move is a 409 naming the current
 * state. The bag (pins in position order, 1..n without gaps) and the product being explained can change until the
 * session ends; the product being explained is always one in the bag.
 */
@Entity
@Table(name = "live_session")
public class LiveSession {

    @Id
    private UUID id;
    @Column(name = "room_id")
    private UUID roomId;
    @Column(name = "host_id")
    private UUID hostId;
    private String title;
    @Enumerated(EnumType.STRING)
    private SessionStatus status;
    @Column(name = "scheduled_start_at")
    private Instant scheduledStartAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "explaining_product_id")
    private UUID explainingProductId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Pin> pins = new ArrayList<>();

    /** What unpinning changed: the pin gone, the pins that moved up, whether the explained product was it. */
    public record Unpinned(Pin removed, List<Pin> moved, boolean explainingCleared) {
    }

    protected LiveSession() {
    }

    public LiveSession(Room room, String title, Instant scheduledStartAt, Instant now) {
        this.id = UUID.randomUUID();
        this.roomId = room.getId();
        this.hostId = room.getHostId();
        this.title = title;
        this.status = SessionStatus.SCHEDULED;
        this.scheduledStartAt = scheduledStartAt;
        this.createdAt = now;
    }

    public void start(Instant now) {
        if (status != SessionStatus.SCHEDULED) {
            throw ProblemException.illegalTransition("session", status, "start");
        }
        this.status = SessionStatus.LIVE;
        this.startedAt = now;
    }

    public void end(Instant now) {
        if (status != SessionStatus.LIVE) {
            throw ProblemException.illegalTransition("session", status, "end");
        }
        this.status = SessionStatus.ENDED;
        this.endedAt = now;
    }

    /** Adds a product at the end of the bag with its live offers, each checked against the product's SKUs. */
    public Pin pin(ProductToPin product, String note, List<OfferTerms> terms, int maxPins, Instant now) {
        requireBagOpen("pin to");
        if (pin(product.productId()).isPresent()) {
            throw new ProblemException(409, "already-pinned", "Already pinned",
                    "product " + product.productId() + " is already in the bag of session " + id
                            + "; change it with PATCH or unpin it first");
        }
        if (pins.size() >= maxPins) {
            throw new ProblemException(409, "bag-full", "Bag full",
                    "session " + id + " already has " + pins.size() + " pinned products, the most a bag holds");
        }
        Pin pin = new Pin(this, product.productId(), product.shopId(), pins.size() + 1, product.title(),
                product.imageUrl(), note, product.skus(), offers(product.productId(), product.skus(), terms), now);
        pins.add(pin);
        return pin;
    }

    /**
     * Changes a pin: its position (the others keep their order), its note (blank clears it) and/or its offers
     * (replaced whole). Null leaves that part as it is. Returns every pin whose state changed, the given one first.
     */
    public List<Pin> changePin(UUID productId, Integer position, String note, List<OfferTerms> terms, Instant now) {
        requireBagOpen("change a pin of");
        Pin pin = requirePinned(productId);
        List<Pin> changed = new ArrayList<>();
        changed.add(pin);
        if (terms != null) {
            pin.offer(offers(productId, pin.getSkus(), terms), now);
        }
        if (note != null) {
            pin.annotate(note.isBlank() ? null : note, now);
        }
        if (position != null && position != pin.getPosition()) {
            if (position < 1 || position > pins.size()) {
                throw new ProblemException(422, "invalid-position", "Invalid position",
                        "position must be between 1 and " + pins.size() + " (the bag's size), was " + position,
                        List.of(new Problem.FieldError("position", "must be between 1 and " + pins.size())), Map.of());
            }
            List<Pin> ordered = new ArrayList<>(bag());
            ordered.remove(pin);
            ordered.add(position - 1, pin);
            changed.addAll(renumber(ordered, now).stream().filter(p -> p != pin).toList());
        }
        return changed;
    }

    public Unpinned unpin(UUID productId, Instant now) {
        requireBagOpen("unpin from");
        Pin pin = requirePinned(productId);
        pins.remove(pin);
        List<Pin> moved = renumber(bag(), now);
        boolean wasExplained = productId.equals(explainingProductId);
        if (wasExplained) {
            explainingProductId = null;
        }
        return new Unpinned(pin, moved, wasExplained);
    }

    /** Marks the pinned product the host is talking about now; false if it was already the one. */
    public boolean explain(UUID productId) {
        requireBagOpen("mark the explained product of");
        if (pin(productId).isEmpty()) {
            throw new ProblemException(422, "not-pinned", "Product not pinned",
                    "product " + productId + " is not in the bag of session " + id + "; pin it first");
        }
        if (productId.equals(explainingProductId)) {
            return false;
        }
        this.explainingProductId = productId;
        return true;
    }

    /** Clears the product being explained; false if none was. */
    public boolean stopExplaining() {
        requireBagOpen("clear the explained product of");
        if (explainingProductId == null) {
            return false;
        }
        this.explainingProductId = null;
        return true;
    }

    public boolean isHostedBy(UUID userId) {
        return hostId.equals(userId);
    }

    public boolean isEnded() {
        return status == SessionStatus.ENDED;
    }

    public Optional<Pin> pin(UUID productId) {
        return pins.stream().filter(p -> p.getProductId().equals(productId)).findFirst();
    }

    /** The bag in position order. */
    public List<Pin> bag() {
        return pins.stream().sorted(Comparator.comparingInt(Pin::getPosition)).toList();
    }

    private Pin requirePinned(UUID productId) {
        return pin(productId).orElseThrow(() -> ProblemException.notFound("pin of session " + id + " for product", productId));
    }

    private void requireBagOpen(String action) {
        if (status == SessionStatus.ENDED) {
            throw ProblemException.illegalTransition("session", status, action);
        }
    }

    private static List<Pin> renumber(List<Pin> ordered, Instant now) {
        List<Pin> moved = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Pin p = ordered.get(i);
            if (p.getPosition() != i + 1) {
                p.moveTo(i + 1, now);
                moved.add(p);
            }
        }
        return moved;
    }

    /** Each offer must be on a SKU of the product, once, at a live price above 0 and not above the list price. */
    static List<Offer> offers(UUID productId, List<PinnedSku> skus, List<OfferTerms> terms) {
        Map<UUID, PinnedSku> byId = skus.stream().collect(Collectors.toMap(PinnedSku::skuId, Function.identity()));
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Offer> offers = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            OfferTerms t = terms.get(i);
            String field = "offers[" + i + "]";
            PinnedSku sku = byId.get(t.skuId());
            if (sku == null) {
                errors.add(new Problem.FieldError(field + ".skuId", "SKU " + t.skuId() + " is not a SKU of product " + productId));
                continue;
            }
            if (!seen.add(t.skuId())) {
                errors.add(new Problem.FieldError(field + ".skuId", "SKU " + t.skuId() + " has more than one offer"));
                continue;
            }
            if (t.livePriceCents() <= 0 || t.livePriceCents() > sku.listPriceCents()) {
                errors.add(new Problem.FieldError(field + ".livePriceCents", "must be above 0 and at most the list price "
                        + sku.listPriceCents() + ", was " + t.livePriceCents()));
                continue;
            }
            offers.add(new Offer(t.skuId(), t.livePriceCents(), sku.listPriceCents(), t.perBuyerLimit(), t.startsAt()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-offer", "Invalid live offer",
                    "the live offers do not fit product " + productId + ": " + errors.stream()
                            .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")),
                    errors, Map.of());
        }
        return offers;
    }

    public UUID getId() { return id; }
    public UUID getRoomId() { return roomId; }
    public UUID getHostId() { return hostId; }
    public String getTitle() { return title; }
    public SessionStatus getStatus() { return status; }
    public Instant getScheduledStartAt() { return scheduledStartAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public UUID getExplainingProductId() { return explainingProductId; }
    public Instant getCreatedAt() { return createdAt; }
}
