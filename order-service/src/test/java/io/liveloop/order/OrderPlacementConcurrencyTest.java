package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.catalog;
import static io.liveloop.order.OrderFixtures.orderBody;
import static io.liveloop.order.OrderFixtures.placeOrder;
import static io.liveloop.order.OrderFixtures.reservationsAskedFor;
import static io.liveloop.order.OrderFixtures.reservationsGivenBack;
import static io.liveloop.order.OrderFixtures.stubRelease;
import static io.liveloop.order.OrderFixtures.stubReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Placing orders while catalog is slow to reserve: the flash sale's situation. */
@QuarkusTest
class OrderPlacementConcurrencyTest {

    private final UUID shop = UUID.randomUUID();
    private final DataSource db;
    private final LiveSessions live;

    OrderPlacementConcurrencyTest(DataSource db) {
        this.db = db;
        this.live = new LiveSessions(db);
    }

    @Test
    void noDatabaseConnectionIsHeldWhileCatalogReserves() throws Exception {
        // A service that has taken orders before: the first one pays for what is made lazily, catalog's client too.
        Sku warmUp = Sku.of(shop, 100);
        stubReservation(Map.of(warmUp, 1), List.of());
        placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(warmUp, 1), null)).then().statusCode(201);
        // Twice as many buyers at once as the datasource has connections, catalog taking a second to answer each.
        Sku sku = Sku.of(shop, 9900);
        stubReservation(Map.of(sku, 1), List.of(), Duration.ofSeconds(1));
        int poolSize = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        List<UUID> buyers = Stream.generate(UUID::randomUUID).limit(2L * poolSize).toList();
        ExecutorService clients = Executors.newFixedThreadPool(buyers.size());
        try (Connection observer = connectionOutsideThePool()) {
            List<Future<Response>> answers = new ArrayList<>();
            for (UUID buyer : buyers) {
                answers.add(clients.submit(() -> placeOrder(buyer, UUID.randomUUID().toString(),
                        orderBody(Map.of(sku, 1), null))));
            }
            Instant deadline = Instant.now().plusSeconds(10);
            int underWay = 0;
            while (underWay < buyers.size() && answers.stream().noneMatch(Future::isDone) && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
                underWay = placementsPastTheirClaim(observer, buyers);
            }
            int held = connectionsIdleInTransaction(observer);
            boolean anyAnswered = answers.stream().anyMatch(Future::isDone);

            // Every buyer's placement under way at once, none of them holding a connection while catalog answers.
            // Were connections held through the reservation, only as many placements as the pool has connections
            // could be under way, and their claims would not be committed yet.
            assertThat(underWay).as("placements under way at once, each with its key claimed").isEqualTo(buyers.size());
            assertThat(held).as("connections held in a transaction meanwhile").isZero();
            assertThat(anyAnswered).as("a buyer answered before every placement was under way").isFalse();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
            assertThat(statuses).containsOnly(201);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void ordersOverTheLimitAfterReservingGiveTheirHoldsBack() throws Exception {
        UUID buyer = UUID.randomUUID();
        UUID host = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Sku sku = Sku.of(shop, 9900);
        live.started(session, host);
        live.pinned(session, host, sku.productId(), List.<Object[]>of(new Object[] {sku.skuId(), 4900, 2, null}));
        // Catalog answers slowly, so every order is past the first look at the limit before any is written: the
        // limit is then enforced after reserving, where a refused order has a hold to give back.
        stubReservation(Map.of(sku, 1), List.of(host), Duration.ofMillis(500));
        stubRelease();

        List<Response> answers = all(5, () -> placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 1), session)));

        List<String> placed = answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id")).toList();
        assertThat(placed).hasSize(2);
        assertThat(answers.stream().filter(r -> r.statusCode() != 201)).hasSize(3).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.jsonPath().getString("type")).isEqualTo(PROBLEMS + "purchase-limit-exceeded");
            assertThat(r.jsonPath().getInt("limits[0].alreadyOrdered")).isEqualTo(2);
        });
        List<String> held = reservationsAskedFor(sku);
        assertThat(held).hasSize(5).containsAll(placed);
        List<String> refused = held.stream().filter(id -> !placed.contains(id)).toList();
        // each refused order's hold given back once; the placed orders keep theirs
        assertThat(reservationsGivenBack().stream().filter(held::contains)).containsExactlyInAnyOrderElementsOf(refused);
    }

    @Test
    void twinsOfAnOrderStillBeingPlacedWaitForItsAnswer() throws Exception {
        UUID buyer = UUID.randomUUID();
        Sku sku = Sku.of(shop, 19900);
        stubReservation(Map.of(sku, 1), List.of(), Duration.ofMillis(500));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);

        List<Response> answers = all(4, () -> placeOrder(buyer, key, body));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(r -> r.<String>path("id")).distinct()).hasSize(1);
        assertThat(answers.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))).hasSize(3);
        assertThat(reservationsAskedFor(sku)).hasSize(1);
    }

    @Test
    void aPlacementThatFailedMayBeRetriedWithItsKey() {
        UUID buyer = UUID.randomUUID();
        Sku sku = Sku.of(shop, 100);
        catalog().register(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + sku.skuId() + "')]"))
                .willReturn(aResponse().withStatus(503)));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);
        placeOrder(buyer, key, body).then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "catalog-unavailable"));

        stubReservation(Map.of(sku, 1), List.of()); // catalog is back (the newest stub wins)
        placeOrder(buyer, key, body).then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aKeyLeftClaimedByARequestThatDiedIsTakenOverAfterTheLease() throws Exception {
        UUID buyer = UUID.randomUUID();
        Sku sku = Sku.of(shop, 100);
        stubReservation(Map.of(sku, 1), List.of());
        String key = UUID.randomUUID().toString();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into idempotency_key (scope, owner_id, key, request_hash, created_at)
                values ('create-order', ?, ?, 'a request that died before it finished', now() - interval '1 minute')""")) {
            s.setObject(1, buyer);
            s.setString(2, key);
            s.executeUpdate();
        }
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);

        String id = placeOrder(buyer, key, body).then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().path("id");
        placeOrder(buyer, key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void aRequestWhoseClaimWasTakenOverIsToldTheKeyIsInUseAndKeepsItsHold() throws Exception {
        UUID buyer = UUID.randomUUID();
        Sku sku = Sku.of(shop, 100);
        // Catalog slow enough for a second request with the key to arrive while the first one waits on it.
        stubReservation(Map.of(sku, 1), List.of(), Duration.ofMillis(1500));
        stubRelease();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<Response> first = clients.submit(() -> placeOrder(buyer, key, body));
            awaitUnfinishedClaim(buyer, key);
            // The first request has now held its claim for longer than the lease, as one that hung would have.
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                    update idempotency_key set created_at = created_at - interval '1 hour'
                    where scope = 'create-order' and owner_id = ? and key = ?""")) {
                s.setObject(1, buyer);
                s.setString(2, key);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            Future<Response> second = clients.submit(() -> placeOrder(buyer, key, body));

            Response lost = first.get();
            assertThat(lost.statusCode()).isEqualTo(409);
            assertThat(lost.contentType()).startsWith(PROBLEM);
            assertThat(lost.jsonPath().getString("type")).isEqualTo(PROBLEMS + "idempotency-key-in-use");
            assertThat(lost.jsonPath().getInt("status")).isEqualTo(409);
            assertThat(lost.header("Retry-After")).isEqualTo("1");
            String id = second.get().then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
            // Retrying with the same key, as the problem says, gets the order the key's holder placed.
            placeOrder(buyer, key, body).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
            // Both requests asked for the same reservation (the order's id); the one that lost its claim kept it.
            assertThat(reservationsAskedFor(sku)).containsExactly(id, id);
            assertThat(reservationsGivenBack()).doesNotContain(id);
        } finally {
            clients.shutdownNow();
        }
    }

    private void awaitUnfinishedClaim(UUID buyer, String key) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select count(*) from idempotency_key
                where scope = 'create-order' and owner_id = ? and key = ? and response_status is null""")) {
            s.setObject(1, buyer);
            s.setString(2, key);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the first request never claimed its key");
    }

    /** The observer must not wait for the pool it watches. */
    private static Connection connectionOutsideThePool() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** The buyers' placements whose Idempotency-Key is claimed (committed) and not yet answered. */
    private static int placementsPastTheirClaim(Connection observer, List<UUID> buyers) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("""
                select count(*) from idempotency_key
                where scope = 'create-order' and response_status is null and owner_id = any(?)""")) {
            s.setArray(1, observer.createArrayOf("uuid", buyers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Connections to this service's database that sit in an open transaction, waiting for the application. */
    private static int connectionsIdleInTransaction(Connection observer) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("""
                select count(*) from pg_stat_activity where datname = current_database() and state = 'idle in transaction'""");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<Response> all(int times, Callable<Response> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(times);
        try {
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : clients.invokeAll(Collections.nCopies(times, request))) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }
}
