package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationItemRequest;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationRequest;
import io.liveloop.catalog.rest.dto.ReservationResponse;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.testing.EventSchemas;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.liveloop.catalog.CatalogFixtures.as;
import static io.liveloop.catalog.CatalogFixtures.onSaleProduct;
import static io.liveloop.catalog.CatalogFixtures.openShop;
import static io.liveloop.catalog.CatalogFixtures.reservation;
import static io.liveloop.catalog.CatalogFixtures.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

/**
 * The merged deduction: reservations granted together in one transaction must answer exactly as if each had run
 * alone, one after another — all-or-nothing per reservation, one grant per reservation id, never oversold —
 * including when a batch fails and when two instances of the service batch against the same database.
 */
@QuarkusTest
class ReservationBatcherTest {

    private static final String PROBLEM = "application/problem+json";

    /** Settings for a batcher built by hand, as another replica of the service would have them. */
    record Settings(int maxSize, int queueCapacity, int workers) implements CatalogConfig.Batching {
    }

    private final ReservationBatcher batcher;
    private final StockService stock;
    private final ReservationSweeper sweeper;
    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final UUID seller = UUID.randomUUID();
    private String shopId;

    ReservationBatcherTest(ReservationBatcher batcher, StockService stock, ReservationSweeper sweeper,
                           DataSource dataSource, MeterRegistry meters) {
        this.batcher = batcher;
        this.stock = stock;
        this.sweeper = sweeper;
        this.dataSource = dataSource;
        this.meters = meters;
    }

    @BeforeEach
    void openTheSellersShop() {
        shopId = openShop(seller);
    }

    @Test
    void aBatchGrantsInArrivalOrderEachReservationWholeOrNotAtAll() throws Exception {
        JsonPath product = onSaleProduct(seller, shopId, "Batch scarf", 5);
        UUID hot = UUID.fromString(product.getString("skus[0].id"));
        UUID other = UUID.fromString(product.getString("skus[1].id"));
        setAvailable(other, 10);
        long hotEventsBefore = stockEvents(hot).size();
        long otherEventsBefore = stockEvents(other).size();

        List<ReservationRequest> batch = List.of(
                request(UUID.randomUUID(), Map.of(hot, 2)),
                request(UUID.randomUUID(), Map.of(hot, 2, other, 1)),
                request(UUID.randomUUID(), Map.of(hot, 2, other, 1)), // 1 left on hot: refused whole, other untouched
                request(UUID.randomUUID(), Map.of(other, 3)),
                request(UUID.randomUUID(), Map.of(hot, 1)),
                request(UUID.randomUUID(), Map.of(hot, 1)));          // sold out
        List<CompletableFuture<ReservationResponse>> answers = batcher.reserveTogether(batch);

        assertThat(answers.get(0).get().items()).singleElement().satisfies(i -> {
            assertThat(i.quantity()).isEqualTo(2);
            assertThat(i.title()).isEqualTo("Batch scarf");
            assertThat(i.skuAttributes()).isEqualTo(Map.of("color", "red", "size", "M"));
            assertThat(i.listPriceCents()).isEqualTo(19900);
            assertThat(i.alliance()).as("not in the alliance pool").isNull();
        });
        assertThat(answers.get(1).get().items()).hasSize(2);
        assertOutOfStock(answers.get(2), hot, 2, 1);
        assertThat(answers.get(3).get().items()).singleElement().satisfies(i -> assertThat(i.skuId()).isEqualTo(other));
        assertThat(answers.get(4).get().reservationId()).isEqualTo(batch.get(4).reservationId());
        assertOutOfStock(answers.get(5), hot, 1, 0);

        assertThat(level(hot)).containsExactly(0, 5, 0);
        assertThat(level(other)).containsExactly(6, 4, 0);
        assertThat(storedItems(batch.get(2).reservationId())).isEmpty();
        assertThat(storedItems(batch.get(5).reservationId())).isEmpty();
        assertThat(storedItems(batch.get(1).reservationId())).isEqualTo(Map.of(hot, 2, other, 1));

        // One stock event per SKU for the whole batch, carrying the level after all of its grants.
        List<String> hotEvents = stockEvents(hot);
        List<String> otherEvents = stockEvents(other);
        assertThat(hotEvents).hasSize((int) hotEventsBefore + 1);
        assertThat(otherEvents).hasSize((int) otherEventsBefore + 1);
        assertThat(hotEvents.get(hotEvents.size() - 1)).contains("\"available\":0");
        assertThat(otherEvents.get(otherEvents.size() - 1)).contains("\"available\":6");
        EventSchemas.assertValid("catalog.stock.v1", hotEvents.get(hotEvents.size() - 1));
        EventSchemas.assertValid("catalog.stock.v1", otherEvents.get(otherEvents.size() - 1));
    }

    @Test
    void duplicatesOfOneReservationIdInOneBatchAreGrantedOnce() throws Exception {
        UUID sku = UUID.fromString(onSaleProduct(seller, shopId, "Duplicate mug", 10).getString("skus[0].id"));
        UUID twice = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID tooMany = UUID.randomUUID();
        List<ReservationRequest> batch = List.of(
                request(twice, Map.of(sku, 2)),
                request(twice, Map.of(sku, 2)),
                request(twice, Map.of(sku, 3)),
                request(other, Map.of(sku, 1)),
                request(tooMany, Map.of(sku, 50)),
                request(tooMany, Map.of(sku, 50)));
        List<CompletableFuture<ReservationResponse>> answers = batcher.reserveTogether(batch);

        assertThat(answers.get(1).get()).isEqualTo(answers.get(0).get());
        assertProblem(answers.get(2), 422, "reservation-id-reused");
        assertThat(answers.get(3).get().reservationId()).isEqualTo(other);
        assertOutOfStock(answers.get(4), sku, 50, 7);
        assertOutOfStock(answers.get(5), sku, 50, 7);
        assertThat(level(sku)).containsExactly(7, 3, 0);

        // Asked again later (order-service retrying after a timeout): the stored answer, the same as the first.
        reserve(reservation(twice, Map.of(sku.toString(), 2))).then().statusCode(201)
                .body("reservationId", equalTo(twice.toString()))
                .body("items[0].quantity", equalTo(2))
                .body("expiresAt", equalTo(answers.get(0).get().expiresAt().toString()));
        assertThat(level(sku)).containsExactly(7, 3, 0);
    }

    @Test
    void oneReservationIdSentManyTimesAtOnceIsGrantedOnceAndAnsweredAlike() throws Exception {
        String sku = onSaleProduct(seller, shopId, "Racing teapot", 10).getString("skus[0].id");
        Map<String, Object> request = reservation(UUID.randomUUID(), Map.of(sku, 3));
        List<Map<String, Object>> bodies = race(40, i -> () -> {
            JsonPath body = reserve(request).then().statusCode(201).extract().jsonPath();
            return body.getMap("");
        });
        assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
        assertThat(level(UUID.fromString(sku))).containsExactly(7, 3, 0);
    }

    @Test
    void aBatchWhoseTransactionFailsGrantsEachOfItsReservationsOnceOnItsOwn() throws Exception {
        UUID sku = UUID.fromString(onSaleProduct(seller, shopId, "Poisoned vase", 10).getString("skus[0].id"));
        UUID fine = UUID.randomUUID();
        UUID poisoned = UUID.randomUUID();
        UUID alsoFine = UUID.randomUUID();
        // The database refuses to store one of the batch's reservations: the batch's transaction fails as a whole.
        execute("alter table reservation add constraint test_poisoned check (id <> '" + poisoned + "')");
        List<CompletableFuture<ReservationResponse>> answers;
        try {
            answers = batcher.reserveTogether(List.of(
                    request(fine, Map.of(sku, 1)),
                    request(poisoned, Map.of(sku, 1)),
                    request(alsoFine, Map.of(sku, 2)),
                    request(fine, Map.of(sku, 1))));
        } finally {
            execute("alter table reservation drop constraint test_poisoned");
        }

        assertThat(answers.get(0).get().reservationId()).isEqualTo(fine);
        assertThat(catchThrowable(() -> answers.get(1).get())).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(ProblemException.class).hasStackTraceContaining("test_poisoned");
        assertThat(answers.get(2).get().reservationId()).isEqualTo(alsoFine);
        assertThat(answers.get(3).get()).isEqualTo(answers.get(0).get());
        assertThat(level(sku)).containsExactly(7, 3, 0);
        assertThat(storedItems(poisoned)).isEmpty();

        // order-service retries the failed one with the same id: it is granted now, once.
        reserve(reservation(poisoned, Map.of(sku.toString(), 1))).then().statusCode(201);
        reserve(reservation(poisoned, Map.of(sku.toString(), 1))).then().statusCode(201);
        assertThat(level(sku)).containsExactly(6, 4, 0);
    }

    @Test
    void mixedReservationsOfSeveralSkusRacingOnAHotSkuAreNeverPartlyGranted() throws Exception {
        JsonPath first = onSaleProduct(seller, shopId, "Hot lipstick", 60);
        JsonPath second = onSaleProduct(seller, shopId, "Side brush", 25);
        UUID hot = UUID.fromString(first.getString("skus[0].id"));
        UUID a = UUID.fromString(first.getString("skus[1].id"));
        UUID b = UUID.fromString(second.getString("skus[0].id"));
        setAvailable(a, 40);
        List<Map<UUID, Integer>> shapes = List.of(Map.of(hot, 1), Map.of(hot, 1, a, 1), Map.of(a, 1, b, 2), Map.of(hot, 2, b, 1));
        Map<UUID, Map<UUID, Integer>> asked = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            asked.put(UUID.randomUUID(), shapes.get(i % shapes.size()));
        }
        List<UUID> ids = List.copyOf(asked.keySet());
        DistributionSummary batches = meters.find("catalog.reservations.batch.size").summary();
        long batchesBefore = batches.count();
        double requestsBefore = batches.totalAmount();

        List<Integer> statuses = race(ids.size(), i -> () -> reserve(reservation(ids.get(i), byString(asked.get(ids.get(i)))))
                .then().extract().statusCode());

        assertThat(statuses).containsOnly(201, 409);
        Map<UUID, Map<UUID, Integer>> granted = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<UUID, Integer> stored = storedItems(ids.get(i));
            if (statuses.get(i) == 201) {
                assertThat(stored).as("granted %s", ids.get(i)).isEqualTo(asked.get(ids.get(i)));
                granted.put(ids.get(i), stored);
            } else {
                assertThat(stored).as("refused %s", ids.get(i)).isEmpty();
            }
        }
        assertAccountedFor(Map.of(hot, 60, a, 40, b, 25), granted);
        assertThat(level(hot)[0]).as("the hot SKU sold out").isZero();
        double requestsPerBatch = (batches.totalAmount() - requestsBefore) / (batches.count() - batchesBefore);
        assertThat(requestsPerBatch).as("concurrent requests shared transactions").isGreaterThan(1);
    }

    @Test
    void twoBatchersOverOneDatabaseNeverOversell() throws Exception {
        JsonPath product = onSaleProduct(seller, shopId, "Flash sale lipstick", 100);
        UUID hot = UUID.fromString(product.getString("skus[0].id"));
        UUID side = UUID.fromString(product.getString("skus[1].id"));
        setAvailable(side, 30);
        // Another replica of the service: its own queue and workers, nothing shared but the database.
        ReservationBatcher replica = new ReservationBatcher(stock, new Settings(50, 1000, 2), new SimpleMeterRegistry());
        replica.start();
        ExecutorService retries = Executors.newCachedThreadPool();
        try {
            List<UUID> ids = new ArrayList<>();
            Map<UUID, Map<UUID, Integer>> asked = new HashMap<>();
            for (int i = 0; i < 400; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                asked.put(id, i % 3 == 0 ? Map.of(hot, 1, side, 1) : Map.of(hot, 1));
            }
            // Requests 0, 2, 4 … go to this instance over HTTP, the odd ones to the replica; every tenth id is sent
            // to both at once, as a client retrying against another replica would.
            List<String> answers = race(ids.size(), i -> () -> {
                UUID id = ids.get(i);
                Callable<String> here = () -> {
                    io.restassured.response.Response r = reserve(reservation(id, byString(asked.get(id))));
                    return r.statusCode() == 201 ? "201 " + r.jsonPath().getString("reservationId") : String.valueOf(r.statusCode());
                };
                Callable<String> there = () -> {
                    try {
                        return "201 " + replica.reserve(request(id, asked.get(id))).toCompletableFuture().get(60, TimeUnit.SECONDS).reservationId();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof ProblemException problem) {
                            return String.valueOf(problem.status());
                        }
                        throw e;
                    }
                };
                if (i % 10 == 0) {
                    CompletableFuture<String> viaReplica = CompletableFuture.supplyAsync(() -> call(there), retries);
                    String viaHere = here.call();
                    assertThat(viaReplica.get(60, TimeUnit.SECONDS)).as("both replicas answer %s alike", id).isEqualTo(viaHere);
                    return viaHere;
                }
                return i % 2 == 0 ? here.call() : there.call();
            });

            assertThat(answers).allSatisfy(a -> assertThat(a).matches("201 .*|409"));
            Map<UUID, Map<UUID, Integer>> granted = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Map<UUID, Integer> stored = storedItems(ids.get(i));
                if (answers.get(i).startsWith("201")) {
                    assertThat(stored).isEqualTo(asked.get(ids.get(i)));
                    granted.put(ids.get(i), stored);
                } else {
                    assertThat(stored).isEmpty();
                }
            }
            assertAccountedFor(Map.of(hot, 100, side, 30), granted);
            assertThat(level(hot)).containsExactly(0, 100, 0);
            assertThat(granted.keySet().stream().filter(id -> ids.indexOf(id) % 2 == 1)).as("the replica granted some").isNotEmpty();
            assertThat(granted.keySet().stream().filter(id -> ids.indexOf(id) % 2 == 0)).as("this instance granted some").isNotEmpty();
        } finally {
            retries.shutdown();
            replica.stop();
        }
    }

    @Test
    void aFullOrStoppedBatcherAnswersServiceUnavailable() throws Exception {
        String sku = onSaleProduct(seller, shopId, "Queue candle", 5).getString("skus[0].id");
        batcher.stop();
        try {
            reserve(reservation(UUID.randomUUID(), Map.of(sku, 1))).then().statusCode(503).contentType(PROBLEM)
                    .header("Retry-After", "1")
                    .body("type", equalTo("https://liveloop.example/problems/service-unavailable"))
                    .body("detail", equalTo("The service is stopping; retry shortly"));
        } finally {
            batcher.start();
        }
        reserve(reservation(UUID.randomUUID(), Map.of(sku, 1))).then().statusCode(201);

        ReservationBatcher idle = new ReservationBatcher(stock, new Settings(10, 1, 0), new SimpleMeterRegistry());
        idle.start(); // no workers: the one place in its queue stays taken
        CompletableFuture<ReservationResponse> queued = idle.reserve(request(UUID.randomUUID(), Map.of(UUID.fromString(sku), 1))).toCompletableFuture();
        CompletableFuture<ReservationResponse> refused = idle.reserve(request(UUID.randomUUID(), Map.of(UUID.fromString(sku), 1))).toCompletableFuture();
        assertThat(catchThrowable(refused::get)).cause().isInstanceOf(ReservationBatcher.SaturatedException.class)
                .hasMessageContaining("More than 1 reservations are waiting");
        assertThat(queued).isNotDone();
        idle.stop();
        assertThat(catchThrowable(queued::get)).cause().isInstanceOf(ReservationBatcher.SaturatedException.class);
        assertThat(level(UUID.fromString(sku))).containsExactly(4, 1, 0);
    }

    @Test
    void expiredHoldsOfOneSkuGoBackInOneChange() throws Exception {
        JsonPath product = onSaleProduct(seller, shopId, "Expiring candle", 10);
        UUID sku = UUID.fromString(product.getString("skus[0].id"));
        UUID other = UUID.fromString(product.getString("skus[1].id"));
        Instant past = Instant.now().minusSeconds(3600);
        List<CompletableFuture<ReservationResponse>> answers = batcher.reserveTogether(List.of(
                new ReservationRequest(UUID.randomUUID(), items(Map.of(sku, 1)), past),
                new ReservationRequest(UUID.randomUUID(), items(Map.of(sku, 2, other, 1)), past),
                new ReservationRequest(UUID.randomUUID(), items(Map.of(sku, 3)), past),
                new ReservationRequest(UUID.randomUUID(), items(Map.of(sku, 1)), Instant.now().plusSeconds(900))));
        for (CompletableFuture<ReservationResponse> answer : answers) {
            answer.get();
        }
        assertThat(level(sku)).containsExactly(3, 7, 0);
        int eventsBefore = stockEvents(sku).size();

        sweeper.releaseExpiredReservations();

        assertThat(level(sku)).containsExactly(9, 1, 0);
        assertThat(level(other)).containsExactly(10, 0, 0);
        List<String> events = stockEvents(sku);
        assertThat(events).hasSize(eventsBefore + 1);
        assertThat(events.get(events.size() - 1)).contains("\"available\":9");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private interface Task<T> {
        Callable<T> at(int index);
    }

    /** Runs {@code count} tasks from 32 threads at once; results in task order. */
    private static <T> List<T> race(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tasks.add(task.at(i));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every unit is somewhere: available + reserved is what the seller put up, reserved is what was granted. */
    private void assertAccountedFor(Map<UUID, Integer> stockPutUp, Map<UUID, Map<UUID, Integer>> granted) throws SQLException {
        for (Map.Entry<UUID, Integer> sku : stockPutUp.entrySet()) {
            int grantedUnits = granted.values().stream().mapToInt(items -> items.getOrDefault(sku.getKey(), 0)).sum();
            int[] level = level(sku.getKey());
            assertThat(grantedUnits).as("units of %s granted", sku.getKey()).isLessThanOrEqualTo(sku.getValue());
            assertThat(level[1]).as("reserved of %s", sku.getKey()).isEqualTo(grantedUnits);
            assertThat(level[0] + level[1]).as("available + reserved of %s", sku.getKey()).isEqualTo(sku.getValue());
        }
    }

    private static void assertOutOfStock(CompletableFuture<ReservationResponse> answer, UUID sku, int requested, int available) {
        ProblemException problem = assertProblem(answer, 409, "out-of-stock");
        assertThat(problem.extensions().get("shortSkus")).isEqualTo(List.of(
                new LinkedHashMap<>(Map.of("skuId", sku, "requested", requested, "available", available))));
    }

    private static ProblemException assertProblem(CompletableFuture<ReservationResponse> answer, int status, String slug) {
        Throwable failure = catchThrowable(answer::get);
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) failure.getCause();
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.slug()).isEqualTo(slug);
        return problem;
    }

    private static ReservationRequest request(UUID id, Map<UUID, Integer> quantities) {
        return new ReservationRequest(id, items(quantities), Instant.now().plusSeconds(900));
    }

    private static List<ReservationItemRequest> items(Map<UUID, Integer> quantities) {
        return quantities.entrySet().stream().map(e -> new ReservationItemRequest(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, Integer> byString(Map<UUID, Integer> quantities) {
        Map<String, Integer> byString = new HashMap<>();
        quantities.forEach((sku, q) -> byString.put(sku.toString(), q));
        return byString;
    }

    private void setAvailable(UUID sku, int available) {
        as(seller, "SELLER").body(Map.of("available", available)).put("/api/catalog/skus/" + sku + "/stock").then().statusCode(200);
    }

    /** available, reserved, sold */
    private int[] level(UUID sku) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select available, reserved, sold from sku where id = ?")) {
            s.setObject(1, sku);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return new int[]{r.getInt(1), r.getInt(2), r.getInt(3)};
            }
        }
    }

    private Map<UUID, Integer> storedItems(UUID reservationId) throws SQLException {
        Map<UUID, Integer> items = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select sku_id, quantity from reservation_item where reservation_id = ?")) {
            s.setObject(1, reservationId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.put(r.getObject(1, UUID.class), r.getInt(2));
                }
            }
        }
        return items;
    }

    /** The stock events catalog has written for a SKU (outbox), oldest first. */
    private List<String> stockEvents(UUID sku) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select payload from outbox_event where topic = 'catalog.stock.v1' and record_key = ? order by id")) {
            s.setString(1, sku.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(r.getString(1));
                }
            }
        }
        return events;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
