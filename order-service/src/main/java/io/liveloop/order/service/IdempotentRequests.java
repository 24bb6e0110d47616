package io.liveloop.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.order.config.OrderConfig;
import io.liveloop.order.repository.IdempotencyRepository;
import io.liveloop.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling as Stripe does it, for client POSTs that create things. The same key with the same
 * request answers the first response again (status and body); with another request it is a 422
 * {@code idempotency-key-reused}. A request holds its key until it finishes, so a racing twin waits and then
 * replays. Only successes are kept: a request that failed may be retried with its key.
 *
 * <p>Two ways to hold a key: {@link #claim} for a request that runs in one transaction (the twin waits on the
 * uncommitted row), {@link #start} for one that must not keep a transaction open while it runs, because it waits
 * on another service meanwhile (the claim commits at once and the twin polls it).
 */
@ApplicationScoped
public class IdempotentRequests {

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    public static final int MAX_KEY_LENGTH = 255;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    /** An answer to give: {@code replayed} when it is a stored one. */
    public record Answer(int status, String body, UUID resourceId, boolean replayed) {
    }

    /** A key held by a request {@link #start}ed; {@code claimedAt} tells this claim from a later one on the key. */
    public record Claim(String scope, UUID ownerId, String key, String requestHash, Instant claimedAt) {
    }

    /** What {@link #start} found: the key claimed, with what was prepared under the claim; or the answer to give again. */
    public record Started<T>(Claim claim, T prepared, Answer replay) {

        public boolean replayed() {
            return replay != null;
        }
    }

    /**
     * The request's claim ended before it finished: it outlived the lease and another request with the key took
     * it over. It must not write what it was creating; the key's current holder does. To the client it is the
     * Idempotency-Key draft's "request with this key still being processed": a 409 problem, and a retry with the
     * same key gets the current holder's answer (or claims the key if that one failed meanwhile).
     */
    public static class ClaimLostException extends ProblemException {
        ClaimLostException() {
            super(409, "idempotency-key-in-use", "Idempotency key in use",
                    "Another request with this Idempotency-Key took it over while this one was waiting, and is being "
                            + "processed; retry with the same key in a moment to get its answer", List.of(), Map.of(), 1);
        }
    }

    private final IdempotencyRepository keys;
    private final ObjectMapper json;
    private final Duration claimLease;
    private final Clock clock;

    public IdempotentRequests(IdempotencyRepository keys, ObjectMapper json, OrderConfig config, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.claimLease = config.idempotencyClaimLease();
        this.clock = clock;
    }

    /** Checks the header's value: required, printable, at most 255 characters. */
    public static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ProblemException(400, "idempotency-key-required", "Idempotency-Key required",
                    "Send an Idempotency-Key header (e.g. a UUID) so that a retried request cannot create a second one");
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        return key;
    }

    /**
     * Claims the key for this request, or answers what the first request with it answered. Needs the caller's
     * transaction: the claim lasts until it commits (the answer is kept) or rolls back (the key is free again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Answer> claim(String scope, UUID ownerId, String key, Object request) {
        String hash = hash(request);
        if (keys.claim(scope, ownerId, key, hash, clock.instant())) {
            return Optional.empty();
        }
        IdempotencyRepository.Stored stored = keys.stored(scope, ownerId, key).orElseThrow(() ->
                new IllegalStateException("idempotency key " + key + " conflicted but cannot be read"));
        return Optional.of(replay(stored, hash));
    }

    /**
     * Claims the key for a request that keeps no transaction open while it runs, or answers what the first request
     * with it answered. The claim commits at once, in a short transaction of its own together with {@code prepare}
     * (what the request reads before it goes on; should that throw, the claim is rolled back with it). A twin finds
     * the claim unfinished and waits: then it answers what the first request answered, or claims the key itself if
     * the first one failed (and released it) or died holding it for longer than the lease. The request ends with
     * {@link #confirm} and {@link #complete} in its last transaction, or with {@link #releaseQuietly} if it fails.
     */
    public <T> Started<T> start(String scope, UUID ownerId, String key, Object request, Supplier<T> prepare) {
        String hash = hash(request);
        for (Duration pause = FIRST_PAUSE; ; pause = shorter(pause.multipliedBy(2), LONGEST_PAUSE)) {
            Optional<Started<T>> started = QuarkusTransaction.requiringNew()
                    .call(() -> tryToStart(scope, ownerId, key, hash, prepare));
            if (started.isPresent()) {
                return started.get();
            }
            // The first request with the key is still running, holding no lock to wait on: look again shortly.
            pauseFor(pause);
        }
    }

    /**
     * In the last transaction of a request {@link #start}ed, before it writes what it creates: locks the key until
     * that transaction ends and checks that the request still holds it. Empty: go on, and {@link #complete} it.
     * An answer: the request outlived its lease and a twin that took the key over has finished meanwhile; give the
     * twin's answer. {@link ClaimLostException} if another request holds the key now, or released it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Answer> confirm(Claim claim) {
        if (keys.lockClaim(claim.scope(), claim.ownerId(), claim.key(), claim.claimedAt())) {
            return Optional.empty();
        }
        Optional<IdempotencyRepository.Stored> answered = keys.stored(claim.scope(), claim.ownerId(), claim.key())
                .filter(IdempotencyRepository.Stored::finished)
                .filter(stored -> stored.requestHash().equals(claim.requestHash()));
        if (answered.isPresent()) {
            return Optional.of(replay(answered.get(), claim.requestHash()));
        }
        LOG.warnf("The claim on idempotency key %s (%s) made at %s was taken over before the request finished",
                claim.key(), claim.scope(), claim.claimedAt());
        throw new ClaimLostException();
    }

    /** Keeps the answer with the key, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer complete(String scope, UUID ownerId, String key, int status, Object body, UUID resourceId) {
        String text = write(body);
        keys.complete(scope, ownerId, key, status, text, resourceId);
        return new Answer(status, text, resourceId, false);
    }

    /** Keeps the answer of a request {@link #start}ed with its key, in the caller's transaction (after {@link #confirm}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer complete(Claim claim, int status, Object body, UUID resourceId) {
        return complete(claim.scope(), claim.ownerId(), claim.key(), status, body, resourceId);
    }

    /**
     * Frees the key of a request {@link #start}ed that failed, so that it may be retried with the key, in a
     * transaction of its own. If that fails too (the database is what failed, say), the claim lapses after the lease.
     */
    public void releaseQuietly(Claim claim) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                keys.commitWithoutWaitingForTheDisk();
                keys.release(claim.scope(), claim.ownerId(), claim.key(), claim.claimedAt());
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not release idempotency key %s (%s) at once (%s); it can be claimed again after %s",
                    claim.key(), claim.scope(), e.getMessage(), claimLease);
        }
    }

    @Transactional
    public int forgetOlderThan(java.time.Duration retention) {
        return keys.deleteOlderThan(clock.instant().minus(retention));
    }

    private <T> Optional<Started<T>> tryToStart(String scope, UUID ownerId, String key, String hash, Supplier<T> prepare) {
        // Microseconds, as PostgreSQL keeps it: the claim is told apart from a later one on the key by this instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // The claim is a lock, not an answer: its commit need not wait for the disk (one flush per placement less,
        // while the pool's connection is held); the answer's transaction waits, and its flush covers the claim.
        keys.commitWithoutWaitingForTheDisk();
        if (keys.claimOrTakeOver(scope, ownerId, key, hash, now, now.minus(claimLease))) {
            return Optional.of(new Started<T>(new Claim(scope, ownerId, key, hash, now), prepare.get(), null));
        }
        return keys.stored(scope, ownerId, key).filter(IdempotencyRepository.Stored::finished)
                .map(stored -> new Started<T>(null, null, replay(stored, hash)));
    }

    /** The stored answer, if it answered the same request; another request with the key is refused. */
    private static Answer replay(IdempotencyRepository.Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request; use a new key for a new request");
        }
        return new Answer(stored.status(), stored.body(), stored.resourceId(), true);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void pauseFor(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request with an idempotency key", e);
        }
    }

    /** SHA-256 of the request as parsed and written back: formatting and key order of the client's JSON do not matter. */
    private String hash(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(write(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
