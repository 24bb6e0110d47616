package io.liveloop.catalog.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every change to a SKU's stock, as one guarded SQL statement: the condition in the WHERE clause and the row
 * lock PostgreSQL takes for the update make a change that would go below zero simply not happen, however many
 * transactions race for the row. Each returns the SKU's new level, or empty when the guard refused.
 */
@ApplicationScoped
public class StockRepository {

    /** A SKU's stock after a change. */
    public record Level(UUID skuId, UUID productId, int available, int reserved, int sold) {
    }

    private final EntityManager em;

    public StockRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Level> reserve(UUID skuId, int quantity) {
        return change("available = available - :q, reserved = reserved + :q", "available >= :q", skuId, quantity);
    }

    public Optional<Level> confirm(UUID skuId, int quantity) {
        return change("reserved = reserved - :q, sold = sold + :q", "reserved >= :q", skuId, quantity);
    }

    public Optional<Level> release(UUID skuId, int quantity) {
        return change("reserved = reserved - :q, available = available + :q", "reserved >= :q", skuId, quantity);
    }

    public Optional<Level> refund(UUID skuId, int quantity) {
        return change("sold = sold - :q, available = available + :q", "sold >= :q", skuId, quantity);
    }

    public Optional<Level> setAvailable(UUID skuId, int available) {
        return change("available = :q", ":q >= 0", skuId, available);
    }

    public Optional<Level> level(UUID skuId) {
        List<?> rows = em.createNativeQuery(
                        "select id, product_id, available, reserved, sold from sku where id = :id")
                .setParameter("id", skuId).getResultList();
        return rows.stream().findFirst().map(row -> level((Object[]) row));
    }

    private Optional<Level> change(String set, String guard, UUID skuId, int quantity) {
        em.flush(); // entity changes of this transaction first, so the statement sees them
        List<?> rows = em.createNativeQuery("update sku set " + set + ", version = version + 1 where id = :id and "
                        + guard + " returning id, product_id, available, reserved, sold")
                .setParameter("id", skuId).setParameter("q", quantity).getResultList();
        return rows.stream().findFirst().map(row -> level((Object[]) row));
    }

    private static Level level(Object[] row) {
        return new Level((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue(), ((Number) row[3]).intValue(),
                ((Number) row[4]).intValue());
    }
}
