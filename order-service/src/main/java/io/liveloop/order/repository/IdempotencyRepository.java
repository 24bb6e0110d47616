package io.liveloop.order.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys, claimed in one of two ways. {@link #claim} inserts the key's row inside the caller's
 * transaction; a second request with the same key blocks on that uncommitted row until the first commits (then
 * finds its stored answer) or rolls back (then claims the key itself). {@link #claimOrTakeOver} is for requests
 * that commit their claim and finish it in a later transaction: the row is then visible as unfinished (no
 * response yet), and its {@code created_at} tells when it was claimed. So two racing requests never both run.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** A key's row; {@code status} is null while the request that claimed the key has not finished. */
    public record Stored(String requestHash, Integer status, String body, UUID resourceId) {
        public boolean finished() {
            return status != null;
        }
    }

    private final EntityManager em;

    public IdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The caller's transaction will commit without waiting for its WAL record to reach the disk (PostgreSQL's
     * {@code synchronous_commit = off} for this transaction only); what it wrote is visible to others at once.
     * Only for what a crash may lose without breaking a promise: a claim, or freeing one. A lost claim is taken for
     * a failed request (its holder cannot confirm it and answers 409, a retry claims again); an answer is kept by
     * a transaction that does wait for the disk, and a WAL flush covers every record before it, the claim's too.
     */
    public void commitWithoutWaitingForTheDisk() {
        em.createNativeQuery("select set_config('synchronous_commit', 'off', true)").getSingleResult();
    }

    /** True if this request now owns the key; false if a committed request used it before. */
    public boolean claim(String scope, UUID ownerId, String key, String requestHash, Instant now) {
        return em.createNativeQuery("""
                        insert into idempotency_key (scope, owner_id, key, request_hash, created_at)
                        values (:scope, :owner, :key, :hash, :now) on conflict do nothing""")
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key)
                .setParameter("hash", requestHash).setParameter("now", now).executeUpdate() == 1;
    }

    /**
     * True if this request now owns the key: it was free, or its claim was left unfinished since before
     * {@code staleBefore} (that request is taken to have died), in which case it is claimed anew at {@code now}.
     */
    public boolean claimOrTakeOver(String scope, UUID ownerId, String key, String requestHash, Instant now,
                                   Instant staleBefore) {
        return em.createNativeQuery("""
                        insert into idempotency_key (scope, owner_id, key, request_hash, created_at)
                        values (:scope, :owner, :key, :hash, :now)
                        on conflict (scope, owner_id, key) do update
                            set request_hash = excluded.request_hash, created_at = excluded.created_at
                            where idempotency_key.response_status is null and idempotency_key.created_at < :staleBefore""")
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key)
                .setParameter("hash", requestHash).setParameter("now", now).setParameter("staleBefore", staleBefore)
                .executeUpdate() == 1;
    }

    public Optional<Stored> stored(String scope, UUID ownerId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select request_hash, response_status, response_body, resource_id from idempotency_key
                        where scope = :scope and owner_id = :owner and key = :key""")
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key).getResultList();
        return rows.stream().findFirst().map(r -> new Stored((String) r[0], r[1] == null ? null : ((Number) r[1]).intValue(),
                (String) r[2], (UUID) r[3]));
    }

    /**
     * Locks the key's row until the caller's transaction ends, and says whether it is still the unfinished claim
     * made at {@code claimedAt} (not finished since, released, or taken over by another request).
     */
    public boolean lockClaim(String scope, UUID ownerId, String key, Instant claimedAt) {
        // No result class: with one, Hibernate caches a new plan on every run (OrderRepository#lockUnpaidPastPayBy).
        List<?> held = em.createNativeQuery("""
                        select response_status is null and created_at = :claimedAt from idempotency_key
                        where scope = :scope and owner_id = :owner and key = :key for update""")
                .setParameter("claimedAt", claimedAt)
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key).getResultList();
        return held.stream().findFirst().map(Boolean.TRUE::equals).orElse(false);
    }

    /** Frees a key whose request failed, if it still holds the claim made at {@code claimedAt}. */
    public void release(String scope, UUID ownerId, String key, Instant claimedAt) {
        em.createNativeQuery("""
                        delete from idempotency_key where scope = :scope and owner_id = :owner and key = :key
                          and response_status is null and created_at = :claimedAt""")
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key)
                .setParameter("claimedAt", claimedAt).executeUpdate();
    }

    public void complete(String scope, UUID ownerId, String key, int status, String body, UUID resourceId) {
        em.createNativeQuery("""
                        update idempotency_key set response_status = :status, response_body = :body, resource_id = :resource
                        where scope = :scope and owner_id = :owner and key = :key""")
                .setParameter("status", status).setParameter("body", body).setParameter("resource", resourceId)
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key).executeUpdate();
    }

    public int deleteOlderThan(Instant cutoff) {
        return em.createNativeQuery("delete from idempotency_key where created_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
