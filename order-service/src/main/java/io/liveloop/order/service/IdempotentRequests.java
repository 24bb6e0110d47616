package io.liveloop.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.order.repository.IdempotencyRepository;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency-Key handling as Stripe does it, for client POSTs that create things. The same key with the same
 * request answers the first response again (status and body); with another request it is a 422
 * {@code idempotency-key-reused}. A request holds its key for its whole transaction, so a racing twin waits and then
 * replays. Only successes are kept: a request that failed may be retried with its key.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final int MAX_KEY_LENGTH = 255;

    /** An answer to give: {@code replayed} when it is a stored one. */
    public record Answer(int status, String body, UUID resourceId, boolean replayed) {
    }

    private final IdempotencyRepository keys;
    private final ObjectMapper json;
    private final Clock clock;

    public IdempotentRequests(IdempotencyRepository keys, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.json = json;
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
        if (!stored.requestHash().equals(hash)) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request; use a new key for a new request");
        }
        return Optional.of(new Answer(stored.status(), stored.body(), stored.resourceId(), true));
    }

    /** Keeps the answer with the key, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer complete(String scope, UUID ownerId, String key, int status, Object body, UUID resourceId) {
        String text = write(body);
        keys.complete(scope, ownerId, key, status, text, resourceId);
        return new Answer(status, text, resourceId, false);
    }

    @Transactional
    public int forgetOlderThan(java.time.Duration retention) {
        return keys.deleteOlderThan(clock.instant().minus(retention));
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
