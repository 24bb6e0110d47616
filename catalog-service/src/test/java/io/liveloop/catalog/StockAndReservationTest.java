package io.liveloop.catalog;

import io.liveloop.catalog.messaging.OrderEventsConsumer;
import io.liveloop.catalog.service.ReservationSweeper;
import io.liveloop.platform.testing.EventSchemas;
import io.liveloop.platform.testing.KafkaBroker;
import io.liveloop.platform.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.liveloop.catalog.CatalogFixtures.as;
import static io.liveloop.catalog.CatalogFixtures.onSaleProduct;
import static io.liveloop.catalog.CatalogFixtures.openShop;
import static io.liveloop.catalog.CatalogFixtures.reservation;
import static io.liveloop.catalog.CatalogFixtures.reserve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class StockAndReservationTest {

    private static final String PROBLEM = "application/problem+json";
    private final UUID seller = UUID.randomUUID();
    @Inject
    OrderEventsConsumer orderEvents;
    private String shopId;

    @org.junit.jupiter.api.BeforeEach
    void openTheSellersShop() {
        shopId = openShop(seller);
    }
    private final ReservationSweeper sweeper;

    StockAndReservationTest(ReservationSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Test
    void sellerSetsAndReadsStock() {
        String skuId = onSaleProduct(seller, shopId, "Mug", 3).getString("skus[0].id");
        as(seller, "SELLER").body(Map.of("available", 40)).put("/api/catalog/skus/" + skuId + "/stock")
                .then().statusCode(200).body("available", equalTo(40)).body("reserved", equalTo(0)).body("sold", equalTo(0));
        as(seller, "SELLER").get("/api/catalog/skus/" + skuId + "/stock").then().statusCode(200).body("available", equalTo(40));
        as(seller, "SELLER").body(Map.of("available", -1)).put("/api/catalog/skus/" + skuId + "/stock")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("available"));
        as(UUID.randomUUID(), "SELLER").body(Map.of("available", 0)).put("/api/catalog/skus/" + skuId + "/stock")
                .then().statusCode(404).contentType(PROBLEM);
        as(UUID.randomUUID(), "SELLER").get("/api/catalog/skus/" + skuId + "/stock").then().statusCode(404);
        as(UUID.randomUUID(), "BUYER").get("/api/catalog/skus/" + skuId + "/stock").then().statusCode(403);
    }

    @Test
    void reservationAnswersWithWhatOrderServiceNeedsAndIsIdempotent() {
        UUID host = UUID.randomUUID();
        as(seller, "SELLER").body(Map.of("hostId", host)).post("/api/catalog/shops/" + shopId + "/hosts").then().statusCode(201);
        JsonPath product = onSaleProduct(seller, shopId, "Teapot", 10);
        String productId = product.getString("id");
        as(seller, "SELLER").body(Map.of("commissionRateBps", 1500)).put("/api/catalog/products/" + productId + "/alliance")
                .then().statusCode(200);
        String skuId = product.getString("skus[0].id");
        UUID reservationId = UUID.randomUUID();
        Map<String, Object> request = reservation(reservationId, Map.of(skuId, 3));

        JsonPath first = reserve(request).then().statusCode(201)
                .body("reservationId", equalTo(reservationId.toString()))
                .body("status", equalTo("RESERVED"))
                .body("items", hasSize(1))
                .body("items[0].skuId", equalTo(skuId))
                .body("items[0].productId", equalTo(productId))
                .body("items[0].shopId", equalTo(shopId))
                .body("items[0].title", equalTo("Teapot"))
                .body("items[0].skuAttributes.color", equalTo("red"))
                .body("items[0].listPriceCents", equalTo(19900))
                .body("items[0].quantity", equalTo(3))
                .body("items[0].shipWithinHours", equalTo(24))
                .body("items[0].alliance.commissionRateBps", equalTo(1500))
                .body("authorizedHostIds", equalTo(List.of(host.toString())))
                .extract().jsonPath();

        JsonPath again = reserve(request).then().statusCode(201).extract().jsonPath();
        assertThat(again.getMap("")).isEqualTo(first.getMap(""));
        assertThat(stock(skuId)).containsEntry("available", 7).containsEntry("reserved", 3);

        reserve(reservation(reservationId, Map.of(skuId, 4))).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/reservation-id-reused"));
    }

    @Test
    void outOfStockNamesEachShortSkuAndReservesNothing() {
        JsonPath product = onSaleProduct(seller, shopId, "Vase", 2);
        String plenty = product.getString("skus[0].id");
        String scarce = product.getString("skus[1].id");
        as(seller, "SELLER").body(Map.of("available", 50)).put("/api/catalog/skus/" + plenty + "/stock").then().statusCode(200);

        reserve(reservation(UUID.randomUUID(), Map.of(plenty, 5, scarce, 3))).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/out-of-stock"))
                .body("shortSkus", hasSize(1))
                .body("shortSkus[0].skuId", equalTo(scarce))
                .body("shortSkus[0].requested", equalTo(3))
                .body("shortSkus[0].available", equalTo(2));
        assertThat(stock(plenty)).containsEntry("available", 50).containsEntry("reserved", 0);
        assertThat(stock(scarce)).containsEntry("available", 2).containsEntry("reserved", 0);
    }

    @Test
    void unknownSkuAndProductsNotOnSaleAreRefused() {
        reserve(reservation(UUID.randomUUID(), Map.of(UUID.randomUUID().toString(), 1))).then().statusCode(404).contentType(PROBLEM);
        String productId = onSaleProduct(seller, shopId, "Lamp", 5).getString("id");
        String skuId = as(seller, "SELLER").post("/api/catalog/products/" + productId + "/delist")
                .then().statusCode(200).extract().path("skus[0].id");
        reserve(reservation(UUID.randomUUID(), Map.of(skuId, 1))).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-on-sale"));
        given().contentType(ContentType.JSON).body(Map.of("items", List.of())).post("/internal/reservations")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void orderServiceGivesAHoldBackAndAsksWhoOwnsAShop() {
        String skuId = onSaleProduct(seller, shopId, "Notebook", 5).getString("skus[0].id");
        UUID held = UUID.randomUUID();
        reserve(reservation(held, Map.of(skuId, 2))).then().statusCode(201);

        given().delete("/internal/reservations/" + held).then().statusCode(204);
        given().delete("/internal/reservations/" + held).then().statusCode(204);
        given().delete("/internal/reservations/" + UUID.randomUUID()).then().statusCode(204);
        assertThat(stock(skuId)).containsEntry("available", 5).containsEntry("reserved", 0);

        given().get("/internal/shops/" + shopId).then().statusCode(200)
                .body("id", equalTo(shopId)).body("ownerId", equalTo(seller.toString()));
        given().get("/internal/shops/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aPaidReservationCannotBeGivenBack() throws Exception {
        String skuId = onSaleProduct(seller, shopId, "Pen", 5).getString("skus[0].id");
        UUID paid = UUID.randomUUID();
        reserve(reservation(paid, Map.of(skuId, 1))).then().statusCode(201);
        publish(orderEvent("liveloop.order.paid", paid));
        awaitStock(skuId, s -> s.get("sold") == 1);

        given().delete("/internal/reservations/" + paid).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/illegal-transition"))
                .body("currentState", equalTo("CONFIRMED"));
    }

    @Test
    void fiveHundredConcurrentReservationsOfAHundredUnitsSellExactlyAHundred() throws Exception {
        String skuId = onSaleProduct(seller, shopId, "Flash sale lipstick", 100).getString("skus[0].id");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<Integer>> buyers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            buyers.add(() -> reserve(reservation(UUID.randomUUID(), Map.of(skuId, 1))).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(buyers)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(100);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(400);
        assertThat(stock(skuId)).containsEntry("available", 0).containsEntry("reserved", 100).containsEntry("sold", 0);
    }

    @Test
    void orderEventsConfirmReleaseAndRefundEachOnce() throws Exception {
        JsonPath product = onSaleProduct(seller, shopId, "Headphones", 10);
        String skuId = product.getString("skus[0].id");
        UUID paid = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        reserve(reservation(paid, Map.of(skuId, 2))).then().statusCode(201);
        reserve(reservation(cancelled, Map.of(skuId, 3))).then().statusCode(201);
        assertThat(stock(skuId)).containsEntry("available", 5).containsEntry("reserved", 5);

        String paidEvent = orderEvent("liveloop.order.paid", paid);
        publish(paidEvent);
        publish(paidEvent); // redelivered: no second effect
        publish(orderEvent("liveloop.order.paid", paid)); // a second, distinct paid event: the reservation is confirmed already
        String cancelledEvent = orderEvent("liveloop.order.cancelled", cancelled);
        publish(cancelledEvent);
        publish(cancelledEvent);
        awaitStock(skuId, s -> s.get("sold") == 2 && s.get("reserved") == 0);
        assertThat(stock(skuId)).containsEntry("available", 8).containsEntry("reserved", 0).containsEntry("sold", 2);

        String refunded = orderEvent("liveloop.order.refunded", paid);
        publish(refunded);
        publish(refunded);
        awaitStock(skuId, s -> s.get("sold") == 0);
        Thread.sleep(500); // give a wrongly repeated effect time to show
        assertThat(stock(skuId)).containsEntry("available", 10).containsEntry("reserved", 0).containsEntry("sold", 0);
    }

    /** A poll's events as the consumer gets them (one list, one transaction): several per order, one twice. */
    @Test
    void oneBatchOfOrderEventsSettlesEachReservationOnceAndInOrder() {
        JsonPath product = onSaleProduct(seller, shopId, "Tea set", 10);
        String skuId = product.getString("skus[0].id");
        UUID paid = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID refunded = UUID.randomUUID();
        reserve(reservation(paid, Map.of(skuId, 2))).then().statusCode(201);
        reserve(reservation(cancelled, Map.of(skuId, 3))).then().statusCode(201);
        reserve(reservation(refunded, Map.of(skuId, 1))).then().statusCode(201);
        String paidEvent = orderEvent("liveloop.order.paid", paid);
        List<String> batch = List.of(orderEvent("liveloop.order.placed", paid), paidEvent, paidEvent,
                orderEvent("liveloop.order.cancelled", cancelled),
                orderEvent("liveloop.order.paid", refunded), orderEvent("liveloop.order.refunded", refunded));

        orderEvents.onOrderEvents(batch);
        orderEvents.onOrderEvents(batch); // delivered again: nothing moves twice

        assertThat(stock(skuId)).containsEntry("available", 8).containsEntry("reserved", 0).containsEntry("sold", 2);
    }

    @Test
    void expiredReservationsAreReleasedBySweeper() {
        String skuId = onSaleProduct(seller, shopId, "Candle", 4).getString("skus[0].id");
        Map<String, Object> request = Map.of("reservationId", UUID.randomUUID(), "expiresAt", Instant.now().minusSeconds(3600).toString(),
                "items", List.of(Map.of("skuId", skuId, "quantity", 3)));
        reserve(request).then().statusCode(201);
        assertThat(stock(skuId)).containsEntry("available", 1).containsEntry("reserved", 3);

        sweeper.releaseExpiredReservations();

        assertThat(stock(skuId)).containsEntry("available", 4).containsEntry("reserved", 0);
    }

    @Test
    void emittedEventsFitTheirContracts() throws Exception {
        JsonPath product = onSaleProduct(seller, shopId, "Contract kettle", 6);
        String productId = product.getString("id");
        String skuId = product.getString("skus[0].id");
        as(seller, "SELLER").body(Map.of("commissionRateBps", 1000)).put("/api/catalog/products/" + productId + "/alliance").then().statusCode(200);
        reserve(reservation(UUID.randomUUID(), Map.of(skuId, 1))).then().statusCode(201);
        as(seller, "SELLER").post("/api/catalog/products/" + productId + "/delist").then().statusCode(200);

        List<ConsumerRecord<String, String>> productEvents = consume("catalog.products.v1", productId, 3);
        assertThat(productEvents).extracting(r -> type(r.value()))
                .containsExactly("liveloop.product.published", "liveloop.product.updated", "liveloop.product.delisted");
        productEvents.forEach(r -> EventSchemas.assertValid("catalog.products.v1", r.value()));

        List<ConsumerRecord<String, String>> stockEvents = consume("catalog.stock.v1", skuId, 1);
        stockEvents.forEach(r -> EventSchemas.assertValid("catalog.stock.v1", r.value()));
        assertThat(stockEvents.get(0).value()).contains("\"available\":5");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Map<String, Integer> stock(String skuId) {
        return as(seller, "SELLER").get("/api/catalog/skus/" + skuId + "/stock").then().statusCode(200).extract().jsonPath().getMap("");
    }

    private void awaitStock(String skuId, Predicate<Map<String, Integer>> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.test(stock(skuId))) {
            assertThat(Instant.now()).as("stock of %s never reached the expected state: %s", skuId, stock(skuId)).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static String orderEvent(String type, UUID orderId) {
        return TestEvents.cloudEvent(type, "/order-service", orderId, Map.of("orderId", orderId.toString()));
    }

    private static void publish(String event) {
        KafkaBroker.publish("orders.v1", io.restassured.path.json.JsonPath.from(event).getString("subject"), event);
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String key, int expected) {
        return KafkaBroker.consume(topic, key, expected);
    }

    private static String type(String event) {
        return io.restassured.path.json.JsonPath.from(event).getString("type");
    }
}
