package io.liveloop.order.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys. {@link #claim} inserts the key's row inside the caller's transaction; a second request with the
 * same key blocks on that uncommitted row until the first commits (then finds its stored answer) or rolls back
 * (then claims the key itself). So two racing requests never both run.
 */
@ApplicationScoped
public class IdempotencyRepository {

    public record Stored(String requestHash, Integer status, String body, UUID resourceId) {
    }

    private final EntityManager em;

    public IdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    /** True if this request now owns the key; false if a committed request used it before. */
    public boolean claim(String scope, UUID ownerId, String key, String requestHash, Instant now) {
        return em.createNativeQuery("""
                        insert into idempotency_key (scope, owner_id, key, request_hash, created_at)
                        values (:scope, :owner, :key, :hash, :now) on conflict do nothing""")
                .setParameter("scope", scope).setParameter("owner", ownerId).setParameter("key", key)
                .setParameter("hash", requestHash).setParameter("now", now).executeUpdate() == 1;
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
