package io.liveloop.catalog.repository;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.catalog.domain.Reservation;
import io.liveloop.catalog.repository.StockRepository.Level;
import io.liveloop.catalog.rest.dto.ReservationResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reservations as the merged deduction reads and writes them: a whole batch per statement. Writes go through
 * JDBC on the caller's JTA transaction (the batch bound once instead of a statement per row); reads of stored
 * reservations go through the {@link Reservation} entity, which the settlement code uses as well.
 */
@ApplicationScoped
public class ReservationRepository {

    /**
     * A reservation that a batch may grant, ready to be stored: its storage row is written to JSON when it is
     * prepared, before the batch locks any SKU row, so that the locks are held for as little work as possible.
     */
    public record NewReservation(UUID id, List<Reservation.Item> items, ReservationResponse response, String row) {
    }

    /** The shape of one reservation in {@link #STORE_GRANTED}'s jsonb_to_recordset. */
    private record Row(UUID id, @JsonProperty("expires_at") Instant expiresAt, ReservationResponse response,
                       List<ItemRow> items) {
    }

    private record ItemRow(@JsonProperty("sku_id") UUID skuId, int quantity) {
    }

    // The subquery's order is the order the locks are taken in: every batch takes them ascending, so two batches
    // (in this instance or another) that share reservation ids cannot deadlock on them.
    private static final String LOCK_IDS = """
            select count(pg_advisory_xact_lock(k)) from (select k from unnest(?::bigint[]) as t (k) order by k) as keys""";

    private static final String STORED_IDS = "select id from reservation where id = any (?)";

    // One statement, so one round trip while the batch holds its SKUs' row locks, with the batch's reservations as
    // one jsonb array. The deduction keeps the guard of every stock change (available >= q): a sum that does not
    // fit is refused by the database, not oversold.
    private static final String STORE_GRANTED = """
            with batch as (
                select * from jsonb_to_recordset(?::jsonb) as r (id uuid, expires_at timestamptz, response jsonb, items jsonb)),
            granted as (
                insert into reservation (id, status, expires_at, created_at, updated_at, response)
                select id, 'RESERVED', expires_at, ?, ?, response from batch
                returning id),
            items as (
                insert into reservation_item (reservation_id, sku_id, quantity)
                select b.id, i.sku_id, i.quantity from batch b, jsonb_to_recordset(b.items) as i (sku_id uuid, quantity int)
                returning reservation_id)
            update sku s set available = s.available - d.q, reserved = s.reserved + d.q, version = s.version + 1
              from unnest(?::uuid[], ?::int[]) as d (id, q)
             where s.id = d.id and s.available >= d.q
            returning s.id, s.product_id, s.available, s.reserved, s.sold, s.version,
                      (select count(*) from granted), (select count(*) from items)""";

    private final EntityManager em;
    private final DataSource dataSource;
    private final ObjectMapper json;

    public ReservationRepository(EntityManager em, DataSource dataSource, ObjectMapper json) {
        this.em = em;
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * The advisory lock that serialises requests with one reservation id, for every id of a batch at once.
     * Transaction-scoped: released at commit or rollback. The key is the one the service always used.
     */
    public void lockIds(Collection<UUID> reservationIds) {
        Long[] keys = reservationIds.stream().map(ReservationRepository::lockKey).distinct().toArray(Long[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(LOCK_IDS)) {
            lock.setArray(1, connection.createArrayOf("int8", keys));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock reservation ids " + reservationIds, e);
        }
    }

    /**
     * Reservations already stored under these ids, by id. Almost every batch is new reservations only, so one
     * index-only lookup comes first, and entities are loaded only for the retries it finds.
     */
    public Map<UUID, Reservation> stored(Collection<UUID> reservationIds) {
        List<UUID> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(STORED_IDS)) {
            select.setArray(1, connection.createArrayOf("uuid", reservationIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(row.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up reservations " + reservationIds, e);
        }
        if (found.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from Reservation r left join fetch r.items where r.id in :ids", Reservation.class)
                .setParameter("ids", found).getResultList().stream()
                .collect(Collectors.toMap(Reservation::getId, Function.identity()));
    }

    /** Prepares a reservation for {@link #storeGranted}: writes its storage row now (see {@link NewReservation}). */
    public NewReservation prepare(UUID id, List<Reservation.Item> items, Instant expiresAt, ReservationResponse response) {
        Row row = new Row(id, expiresAt, response, items.stream().map(i -> new ItemRow(i.skuId(), i.quantity())).toList());
        try {
            return new NewReservation(id, items, response, json.writeValueAsString(row));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write reservation " + id, e);
        }
    }

    /**
     * Stores a batch's granted reservations (RESERVED, with their items and answers) and takes their units from
     * stock: each SKU's summed quantity moves from available to reserved. Returns each SKU's new level; throws —
     * and the caller's transaction must roll back — if the database refused any part of it.
     */
    public List<Level> storeGranted(Collection<NewReservation> reservations, Map<UUID, Integer> deductions, Instant now) {
        int itemCount = reservations.stream().mapToInt(r -> r.items().size()).sum();
        String rows = reservations.stream().map(NewReservation::row).collect(Collectors.joining(",", "[", "]"));
        OffsetDateTime created = now.atOffset(ZoneOffset.UTC);
        List<Level> levels = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement store = connection.prepareStatement(STORE_GRANTED)) {
            store.setString(1, rows);
            store.setObject(2, created);
            store.setObject(3, created);
            store.setArray(4, connection.createArrayOf("uuid", deductions.keySet().toArray()));
            store.setArray(5, connection.createArrayOf("int4", deductions.values().toArray()));
            try (ResultSet row = store.executeQuery()) {
                while (row.next()) {
                    levels.add(new Level(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3),
                            row.getInt(4), row.getInt(5), row.getLong(6)));
                    check(row.getInt(7), reservations.size(), "reservations");
                    check(row.getInt(8), itemCount, "reservation items");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store reservations "
                    + reservations.stream().map(NewReservation::id).toList(), e);
        }
        if (levels.size() != deductions.size()) {
            // The rows are locked by the caller, so this means its arithmetic is wrong: refuse rather than oversell.
            throw new IllegalStateException("the database refused a deduction of " + deductions + ": got " + levels);
        }
        return levels;
    }

    static long lockKey(UUID reservationId) {
        return reservationId.getMostSignificantBits() ^ reservationId.getLeastSignificantBits();
    }

    private static void check(int inserted, int expected, String what) {
        if (inserted != expected) {
            throw new IllegalStateException("stored " + inserted + " " + what + " of " + expected);
        }
    }
}
