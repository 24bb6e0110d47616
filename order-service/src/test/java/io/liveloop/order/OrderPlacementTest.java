package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.as;
import static io.liveloop.order.OrderFixtures.catalog;
import static io.liveloop.order.OrderFixtures.orderBody;
import static io.liveloop.order.OrderFixtures.placeOrder;
import static io.liveloop.order.OrderFixtures.placedOrder;
import static io.liveloop.order.OrderFixtures.reservationsAskedFor;
import static io.liveloop.order.OrderFixtures.reservationsGivenBack;
import static io.liveloop.order.OrderFixtures.stubReservation;
import static io.liveloop.order.OrderFixtures.stubRelease;
import static io.liveloop.order.OrderFixtures.stubReservationProblem;
import static io.liveloop.order.OrderFixtures.stubShop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OrderPlacementTest {

    private final UUID buyer = UUID.randomUUID();
    private final UUID shop = UUID.randomUUID();
    private final LiveSessions live;

    OrderPlacementTest(DataSource db) {
        this.live = new LiveSessions(db);
    }

    @Test
    void placesAnOrderAtListPricesWithItsStockReserved() {
        Sku scarf = Sku.of(shop, 19900);
        Sku hat = Sku.of(shop, 5000);
        stubReservation(Map.of(scarf, 2, hat, 1), List.of());

        JsonPath order = placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(scarf, 2, hat, 1), null))
                .then().statusCode(201)
                .header("Location", containsString("/api/orders/"))
                .body("buyerId", equalTo(buyer.toString()))
                .body("shopId", equalTo(shop.toString()))
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("items", hasSize(2))
                .body("totalCents", equalTo(2 * 19900 + 5000))
                .body("currency", equalTo("CNY"))
                .body("liveSessionId", nullValue())
                .body("hostId", nullValue())
                .body("commissionCents", equalTo(0))
                .body("shippingAddress.city", equalTo("Hangzhou"))
                .body("buyerNote", equalTo("Please wrap it"))
                .body("paidAt", nullValue())
                .extract().jsonPath();
        JsonPath scarfLine = JsonPath.from(OrderFixtures.json(order.getList("items").stream()
                .filter(i -> scarf.skuId().toString().equals(((Map<?, ?>) i).get("skuId"))).findFirst().orElseThrow()));
        assertThat(scarfLine.getString("productId")).isEqualTo(scarf.productId().toString());
        assertThat(scarfLine.getString("title")).isEqualTo("Silk scarf");
        assertThat(scarfLine.getString("skuAttributes.color")).isEqualTo("red");
        assertThat(scarfLine.getInt("quantity")).isEqualTo(2);
        assertThat(scarfLine.getLong("unitPriceCents")).isEqualTo(19900);
        assertThat(scarfLine.getLong("listPriceCents")).isEqualTo(19900);
        assertThat(scarfLine.getLong("lineTotalCents")).isEqualTo(39800);
        assertThat(Duration.between(Instant.parse(order.getString("createdAt")), Instant.parse(order.getString("payBy"))))
                .isEqualTo(Duration.ofMinutes(15));

        // catalog was asked to reserve exactly these items under the order's id, until pay-by
        catalog().verifyThat(1, postRequestedFor(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.reservationId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(order.getString("id"))))
                .withRequestBody(matchingJsonPath("$.expiresAt", com.github.tomakehurst.wiremock.client.WireMock.equalTo(order.getString("payBy")))));
    }

    @Test
    void theSameKeyAndBodyAnswerTheFirstResponseAndAnotherBodyIsRefused() {
        Sku scarf = Sku.of(shop, 19900);
        stubReservation(Map.of(scarf, 1), List.of());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = orderBody(Map.of(scarf, 1), null);

        String first = placeOrder(buyer, key, body).then().statusCode(201).extract().asString();
        String again = placeOrder(buyer, key, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", containsString(JsonPath.from(first).getString("id"))).extract().asString();
        assertThat(again).isEqualTo(first);

        stubReservation(Map.of(scarf, 2), List.of());
        placeOrder(buyer, key, orderBody(Map.of(scarf, 2), null)).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "idempotency-key-reused"))
                .body("detail", containsString("different request"));
        // another buyer's identical key is theirs alone
        placeOrder(UUID.randomUUID(), key, body).then().statusCode(201);

        placeOrder(buyer, null, body).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "idempotency-key-required"))
                .body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void requestsRacingWithOneKeyCreateOneOrder() throws Exception {
        Sku scarf = Sku.of(shop, 19900);
        stubReservation(Map.of(scarf, 1), List.of());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = orderBody(Map.of(scarf, 1), null);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> placeOrder(buyer, key, body).then().statusCode(201).extract().path("id"));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(racers)) {
            ids.add(f.get());
        }
        pool.shutdown();

        assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        catalog().verifyThat(1, postRequestedFor(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.reservationId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(ids.get(0)))));
        assertThat(as(buyer, "BUYER").get("/api/orders").then().statusCode(200).extract().jsonPath()
                .getList("items.id")).containsOnlyOnce(ids.get(0));
    }

    @Test
    void liveSessionPricesAreServerSideAndOnlyWhileLiveAndStarted() throws Exception {
        UUID host = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Sku live_ = Sku.of(shop, 10000);
        Sku notYet = new Sku(UUID.randomUUID(), live_.productId(), shop, "Silk scarf", 8000, 24, null);
        live.started(session, host);
        live.pinned(session, host, live_.productId(), List.of(
                new Object[] {live_.skuId(), 7900, null, null},
                new Object[] {notYet.skuId(), 5000, null, Instant.now().plusSeconds(3600)}));
        stubReservation(Map.of(live_, 1, notYet, 1), List.of(host));

        JsonPath order = placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(live_, 1, notYet, 1), session))
                .then().statusCode(201)
                .body("liveSessionId", equalTo(session.toString()))
                .body("hostId", equalTo(host.toString()))
                .body("totalCents", equalTo(7900 + 8000))
                .body("commissionCents", equalTo(0)) // the host works with the shop: no alliance commission
                .extract().jsonPath();
        assertThat(order.getLong("items.find { it.skuId == '" + live_.skuId() + "' }.unitPriceCents")).isEqualTo(7900);
        assertThat(order.getLong("items.find { it.skuId == '" + live_.skuId() + "' }.listPriceCents")).isEqualTo(10000);
        assertThat(order.getLong("items.find { it.skuId == '" + notYet.skuId() + "' }.unitPriceCents")).isEqualTo(8000);

        live.ended(session, host);
        stubReservation(Map.of(live_, 1), List.of(host));
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(live_, 1), session)).then().statusCode(201)
                .body("items[0].unitPriceCents", equalTo(10000))
                .body("liveSessionId", equalTo(session.toString()))
                .body("hostId", equalTo(host.toString()));
    }

    @Test
    void anAllianceHostEarnsTheCommissionRoundedDown() throws Exception {
        UUID host = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Sku sku = Sku.of(shop, 3333).inAlliance(1500);
        live.started(session, host);
        live.pinned(session, host, sku.productId(), List.<Object[]>of(new Object[] {sku.skuId(), 3333, null, null}));
        stubReservation(Map.of(sku, 3), List.of(UUID.randomUUID())); // the shop works with another host only

        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 3), session)).then().statusCode(201)
                .body("totalCents", equalTo(9999))
                .body("hostId", equalTo(host.toString()))
                .body("commissionCents", equalTo(1499)); // 9999 × 15 % = 1499.85
    }

    @Test
    void perBuyerLimitHoldsWhenTheBuyerFiresManyOrdersAtOnce() throws Exception {
        UUID host = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Sku sku = Sku.of(shop, 9900);
        live.started(session, host);
        live.pinned(session, host, sku.productId(), List.<Object[]>of(new Object[] {sku.skuId(), 4900, 2, null}));
        stubReservation(Map.of(sku, 1), List.of(host));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<io.restassured.response.Response>> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(() -> placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 1), session)));
        }
        List<io.restassured.response.Response> answers = new ArrayList<>();
        for (Future<io.restassured.response.Response> f : pool.invokeAll(orders)) {
            answers.add(f.get());
        }
        pool.shutdown();

        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(2);
        List<io.restassured.response.Response> refused = answers.stream().filter(r -> r.statusCode() != 201).toList();
        assertThat(refused).hasSize(4).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.jsonPath().getString("type")).isEqualTo(PROBLEMS + "purchase-limit-exceeded");
            assertThat(r.jsonPath().getString("detail")).contains(sku.skuId().toString());
            assertThat(r.jsonPath().getInt("limits[0].perBuyerLimit")).isEqualTo(2);
            assertThat(r.jsonPath().getInt("limits[0].alreadyOrdered")).isEqualTo(2);
        });

        // a cancelled order no longer counts; another buyer has a limit of their own
        String first = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().path("id");
        as(buyer, "BUYER").body(Map.of()).post("/api/orders/" + first + "/cancel").then().statusCode(200);
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 1), session)).then().statusCode(201);
        placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(sku, 2), session)).then().statusCode(201);
    }

    @Test
    void outOfStockNamesEachShortSku() {
        Sku sku = Sku.of(shop, 9900);
        stubReservationProblem(sku.skuId(), 409, "{\"type\":\"https://liveloop.example/problems/out-of-stock\",\"title\":\"Out of stock\","
                + "\"status\":409,\"shortSkus\":[{\"skuId\":\"" + sku.skuId() + "\",\"requested\":3,\"available\":1}]}");

        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 3), null)).then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "out-of-stock"))
                .body("detail", containsString(sku.skuId().toString()))
                .body("shortSkus", hasSize(1))
                .body("shortSkus[0].skuId", equalTo(sku.skuId().toString()))
                .body("shortSkus[0].requested", equalTo(3))
                .body("shortSkus[0].available", equalTo(1));
        assertThat(as(buyer, "BUYER").get("/api/orders").then().extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void catalogRefusalsAndOutagesAreProblemsTheBuyerUnderstands() {
        Sku unknown = Sku.of(shop, 100);
        stubReservationProblem(unknown.skuId(), 404, "{\"type\":\"https://liveloop.example/problems/not-found\",\"status\":404,"
                + "\"unknownSkuIds\":[\"" + unknown.skuId() + "\"]}");
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(unknown, 1), null)).then().statusCode(422)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "unknown-sku"))
                .body("detail", containsString(unknown.skuId().toString()));

        Sku delisted = Sku.of(shop, 100);
        stubReservationProblem(delisted.skuId(), 409, "{\"type\":\"https://liveloop.example/problems/not-on-sale\",\"status\":409,"
                + "\"productIds\":[\"" + delisted.productId() + "\"]}");
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(delisted, 1), null)).then().statusCode(409)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-on-sale"))
                .body("detail", containsString(delisted.productId().toString()));

        Sku broken = Sku.of(shop, 100);
        catalog().register(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + broken.skuId() + "')]"))
                .willReturn(aResponse().withStatus(503)));
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(broken, 1), null)).then().statusCode(503)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"));
    }

    @Test
    void itemsOfSeveralShopsAreRefusedAndTheirReservationGivenBack() {
        Sku mine = Sku.of(shop, 100);
        Sku theirs = Sku.of(UUID.randomUUID(), 200);
        stubReservation(Map.of(mine, 1, theirs, 1), List.of());
        stubRelease();

        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(mine, 1, theirs, 1), null)).then().statusCode(422)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "multiple-shops"))
                .body("detail", containsString(theirs.shopId().toString()));
        // other tests give holds back too: this order's own hold, exactly once
        List<String> held = reservationsAskedFor(mine);
        assertThat(held).hasSize(1);
        assertThat(reservationsGivenBack()).containsOnlyOnce(held.get(0));
    }

    @Test
    void badInputIsAValidationProblemNamingTheField() {
        Sku sku = Sku.of(shop, 100);
        placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 100), null)).then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "validation-failed"))
                .body("errors[0].field", equalTo("items[0].quantity"));
        Map<String, Object> noAddress = new java.util.HashMap<>(orderBody(Map.of(sku, 1), null));
        noAddress.remove("shippingAddress");
        placeOrder(buyer, UUID.randomUUID().toString(), noAddress).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("shippingAddress"));
        as(UUID.randomUUID(), "SELLER").header("Idempotency-Key", "k").body(orderBody(Map.of(sku, 1), null))
                .post("/api/orders").then().statusCode(403).contentType(PROBLEM);
        io.restassured.RestAssured.given().contentType("application/json").body(orderBody(Map.of(sku, 1), null))
                .post("/api/orders").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void onlyTheBuyerTheShopOwnerAndAdminsSeeAnOrder() {
        UUID owner = UUID.randomUUID();
        stubShop(shop, owner);
        String orderId = placedOrder(buyer, Sku.of(shop, 100)).getString("id");

        as(buyer, "BUYER").get("/api/orders/" + orderId).then().statusCode(200).body("id", equalTo(orderId));
        as(owner, "SELLER").get("/api/orders/" + orderId).then().statusCode(200);
        as(UUID.randomUUID(), "ADMIN").get("/api/orders/" + orderId).then().statusCode(200);
        as(UUID.randomUUID(), "BUYER").get("/api/orders/" + orderId).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "not-found")).body("detail", containsString(orderId));
        as(UUID.randomUUID(), "SELLER").get("/api/orders/" + orderId).then().statusCode(404).contentType(PROBLEM);
        as(UUID.randomUUID(), "BUYER").get("/api/orders/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void listsAreNewestFirstAndSellersSeeTheirShopsOrders() {
        UUID owner = UUID.randomUUID();
        stubShop(shop, owner);
        String older = placedOrder(buyer, Sku.of(shop, 100)).getString("id");
        String newer = placedOrder(buyer, Sku.of(shop, 200)).getString("id");
        placedOrder(UUID.randomUUID(), Sku.of(shop, 300));

        as(buyer, "BUYER").get("/api/orders?limit=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(newer)).body("nextCursor", notNullValue());
        String cursor = as(buyer, "BUYER").get("/api/orders?limit=1").then().extract().path("nextCursor");
        as(buyer, "BUYER").get("/api/orders?limit=1&cursor=" + cursor).then().statusCode(200).body("items[0].id", equalTo(older));
        as(buyer, "BUYER").get("/api/orders?status=PAID").then().statusCode(200).body("items", hasSize(0));
        as(buyer, "BUYER").get("/api/orders?status=LOST").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"));

        as(owner, "SELLER").get("/api/orders?shopId=" + shop).then().statusCode(200).body("items", hasSize(3));
        as(owner, "SELLER").get("/api/orders").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("shopId"));
        as(UUID.randomUUID(), "SELLER").get("/api/orders?shopId=" + shop).then().statusCode(404).contentType(PROBLEM);
    }
}
