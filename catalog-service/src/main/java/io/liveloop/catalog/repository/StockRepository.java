package io.liveloop.catalog.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every change to a SKU's stock, as one guarded SQL statement (the batched reservation's deduction is in
 * {@link ReservationRepository#storeGranted}): the condition in the WHERE clause and the row
 * lock PostgreSQL takes for the update make a change that would go below zero simply not happen, however many
 * transactions race for the row. Each returns the SKU's new level, or empty when the guard refused.
 */
@ApplicationScoped
public class StockRepository {

    /** A SKU's stock after a change; {@code version} counts the changes of its row (it orders stock events). */
    public record Level(UUID skuId, UUID productId, int available, int reserved, int sold, long version) {
    }

    /**
     * A SKU as the answer to a reservation describes it (no stock: that is read under the row lock), with the
     * hosts its shop authorises.
     */
    public record ForSale(UUID skuId, UUID productId, UUID shopId, Map<String, String> attributes, long priceCents,
                          String title, boolean onSale, int shipWithinHours, Integer allianceRateBps,
                          List<UUID> shopHostIds) {
    }

    /**
     * The order in which transactions lock SKU rows: PostgreSQL's order of uuid values (bytes compared unsigned),
     * which is what {@code order by id} gives and not what {@link UUID#compareTo} (signed longs) gives.
     */
    public static final Comparator<UUID> LOCK_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final String FOR_SALE = """
            select s.id, s.product_id, p.shop_id, s.attributes::text, s.price_cents, p.title, p.status = 'ON_SALE',
                   p.ship_within_hours, p.alliance_rate_bps,
                   array(select h.host_id from shop_host h where h.shop_id = p.shop_id order by h.added_at, h.host_id)
              from sku s join product p on p.id = s.product_id
             where s.id = any (?)""";

    private static final String LOCK_AVAILABLE = "select id, available from sku where id = any (?) order by id for update";

    private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final EntityManager em;
    private final DataSource dataSource;
    private final ObjectMapper json;

    public StockRepository(EntityManager em, DataSource dataSource, ObjectMapper json) {
        this.em = em;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What a reservation's answer says about these SKUs; unknown ids are absent. Reads without locking. */
    public Map<UUID, ForSale> forSale(Collection<UUID> skuIds) {
        Map<UUID, ForSale> skus = new LinkedHashMap<>();
        if (skuIds.isEmpty()) {
            return skus;
        }
        // Agroal hands out the connection enlisted in the caller's JTA transaction (the one Hibernate uses too).
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(FOR_SALE)) {
            select.setArray(1, connection.createArrayOf("uuid", skuIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ForSale sku = new ForSale(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                            row.getObject(3, UUID.class), json.readValue(row.getString(4), ATTRIBUTES), row.getLong(5),
                            row.getString(6), row.getBoolean(7), row.getInt(8),
                            row.getObject(9, Integer.class), // null: not in the alliance pool
                            List.of((UUID[]) row.getArray(10).getArray()));
                    skus.put(sku.skuId(), sku);
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read SKUs " + skuIds, e);
        }
        return skus;
    }

    /**
     * Locks the SKUs' rows, in {@link #LOCK_ORDER} so that two transactions never deadlock on them, and returns
     * what each has available. Held until the caller's transaction ends: these counts cannot change under the
     * caller, whichever instance of the service it runs in.
     */
    public Map<UUID, Integer> lockAvailable(Collection<UUID> skuIds) {
        Map<UUID, Integer> available = new HashMap<>();
        if (skuIds.isEmpty()) {
            return available;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LOCK_AVAILABLE)) {
            select.setArray(1, connection.createArrayOf("uuid", skuIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    available.put(row.getObject(1, UUID.class), row.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock SKUs " + skuIds, e);
        }
        return available;
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
                        "select id, product_id, available, reserved, sold, version from sku where id = :id")
                .setParameter("id", skuId).getResultList();
        return rows.stream().findFirst().map(row -> level((Object[]) row));
    }

    private Optional<Level> change(String set, String guard, UUID skuId, int quantity) {
        em.flush(); // entity changes of this transaction first, so the statement sees them
        List<?> rows = em.createNativeQuery("update sku set " + set + ", version = version + 1 where id = :id and "
                        + guard + " returning id, product_id, available, reserved, sold, version")
                .setParameter("id", skuId).setParameter("q", quantity).getResultList();
        return rows.stream().findFirst().map(row -> level((Object[]) row));
    }

    private static Level level(Object[] row) {
        return new Level((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue(), ((Number) row[3]).intValue(),
                ((Number) row[4]).intValue(), ((Number) row[5]).longValue());
    }
}
