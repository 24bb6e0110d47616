package io.liveloop.livestream.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stock left per pinned SKU, as catalog last reported it. */
@ApplicationScoped
public class StockRepository {

    private static final String KEEP_NEWER = """
            update sku_stock s set available = r.available, version = r.version, updated_at = ?
              from unnest(?::uuid[], ?::int[], ?::bigint[]) as r (sku_id, available, version)
             where s.sku_id = r.sku_id and (s.version is null or s.version < r.version)
            returning s.sku_id""";

    private final EntityManager em;
    private final DataSource dataSource;

    public StockRepository(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
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

    /** A stock level as catalog reported it, with the version it had. */
    public record Reported(UUID skuId, int available, long version) {
    }

    /**
     * Keeps each reported level whose SKU is tracked here (ever pinned) and whose version is newer than the level's
     * (a level seeded at pin time has none: the first report after it is taken), in one statement. Returns the SKUs
     * whose level changed. At most one report per SKU.
     */
    public List<UUID> keepNewer(Collection<Reported> reports, Instant now) {
        List<UUID> changed = new ArrayList<>();
        // Agroal hands out the connection enlisted in the caller's JTA transaction.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(KEEP_NEWER)) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setArray(2, connection.createArrayOf("uuid", reports.stream().map(Reported::skuId).toArray()));
            update.setArray(3, connection.createArrayOf("int4", reports.stream().map(Reported::available).toArray()));
            update.setArray(4, connection.createArrayOf("int8", reports.stream().map(Reported::version).toArray()));
            try (ResultSet row = update.executeQuery()) {
                while (row.next()) {
                    changed.add(row.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep stock levels of " + reports.size() + " SKUs", e);
        }
        return changed;
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
