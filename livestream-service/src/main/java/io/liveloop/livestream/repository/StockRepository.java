package io.liveloop.livestream.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stock left per pinned SKU, as catalog last reported it. */
@ApplicationScoped
public class StockRepository {

    private final EntityManager em;

    public StockRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Seeds a SKU's level from catalog's product view at pin time. A level already tracked is kept: the stock
     * events that maintain it are at least as fresh as the view.
     */
    public void seed(UUID skuId, UUID productId, int available, Instant now) {
        em.createNativeQuery("""
                        insert into sku_stock (sku_id, product_id, available, updated_at) values (:sku, :product, :available, :now)
                        on conflict (sku_id) do nothing""")
                .setParameter("sku", skuId).setParameter("product", productId)
                .setParameter("available", available).setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Sets a tracked SKU's level if {@code version} (catalog's count of the SKU's stock changes) is newer than the
     * level's; false if the SKU is not tracked (never pinned here) or the level is as new already. A level seeded
     * at pin time has no version: the first report after it is taken.
     */
    public boolean set(UUID skuId, int available, long version, Instant now) {
        return em.createNativeQuery("""
                        update sku_stock set available = :available, version = :version, updated_at = :now
                         where sku_id = :sku and (version is null or version < :version)""")
                .setParameter("sku", skuId).setParameter("available", available).setParameter("version", version)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    public Map<UUID, Integer> available(Collection<UUID> skuIds) {
        Map<UUID, Integer> levels = new HashMap<>();
        if (skuIds.isEmpty()) {
            return levels;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select sku_id, available from sku_stock where sku_id in (:ids)")
                .setParameter("ids", skuIds).getResultList();
        rows.forEach(r -> levels.put((UUID) r[0], ((Number) r[1]).intValue()));
        return levels;
    }
}
