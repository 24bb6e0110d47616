package io.liveloop.livestream.rest;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.liveloop.livestream.CatalogStub;
import io.liveloop.livestream.LiveFixtures.CatalogProductView;
import io.liveloop.platform.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.livestream.LiveFixtures.PROBLEM;
import static io.liveloop.livestream.LiveFixtures.PROBLEMS;
import static io.liveloop.livestream.LiveFixtures.as;
import static io.liveloop.livestream.LiveFixtures.await;
import static io.liveloop.livestream.LiveFixtures.cloudEvent;
import static io.liveloop.livestream.LiveFixtures.consume;
import static io.liveloop.livestream.LiveFixtures.liveSession;
import static io.liveloop.livestream.LiveFixtures.offer;
import static io.liveloop.livestream.LiveFixtures.pin;
import static io.liveloop.livestream.LiveFixtures.pinRequest;
import static io.liveloop.livestream.LiveFixtures.pinnableProduct;
import static io.liveloop.livestream.LiveFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class BagResourceTest {

    private final UUID host = UUID.randomUUID();

    @Test
    void hostPinsAProductWithLiveOffersCheckedAgainstCatalog() {
        String sessionId = liveSession(host);
        CatalogProductView product = pinnableProduct(host);
        Map<String, Object> limited = offer(product.skuB, 25900);
        limited.put("perBuyerLimit", 2);
        limited.put("startsAt", "2030-01-01T20:00:00Z");

        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 15900), limited)))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(201)
                .body("productId", equalTo(product.id.toString()))
                .body("shopId", equalTo(product.shopId.toString()))
                .body("position", equalTo(1))
                .body("title", equalTo("Linen dress"))
                .body("imageUrl", equalTo("https://media.liveloop.example/img/" + product.id + ".jpg"))
                .body("note", equalTo("Only tonight"))
                .body("pinnedAt", notNullValue())
                .body("offers", hasSize(2))
                .body("offers[0].skuId", equalTo(product.skuA.toString()))
                .body("offers[0].livePriceCents", equalTo(15900))
                .body("offers[0].listPriceCents", equalTo(19900))
                .body("offers[0].perBuyerLimit", nullValue())
                .body("offers[0].startsAt", nullValue())
                .body("offers[1].perBuyerLimit", equalTo(2))
                .body("offers[1].startsAt", equalTo("2030-01-01T20:00:00Z"))
                .body("skus[0].available", equalTo(10));
    }

    @Test
    void aProductMayBePinnedOnlyIfCatalogSaysSo() {
        String sessionId = liveSession(host);
        notPinnable(sessionId, new CatalogProductView(host).with("status", "OFF_SHELF").stub(), "NOT_ON_SALE", "not on sale");
        notPinnable(sessionId, new CatalogProductView(host).with("status", "DRAFT").with("qualityStatus", "PENDING").stub(),
                "NOT_ON_SALE", "DRAFT");
        notPinnable(sessionId, new CatalogProductView(host).with("qualityStatus", "FAILED").stub(),
                "QUALITY_CHECK_NOT_PASSED", "FAILED");
        notPinnable(sessionId, new CatalogProductView(UUID.randomUUID()).stub(), "HOST_NOT_AUTHORIZED", "alliance pool");

        UUID unknown = UUID.randomUUID();
        CatalogStub.server().stubFor(WireMock.get("/internal/products/" + unknown).willReturn(WireMock.aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://liveloop.example/problems/not-found\",\"status\":404}")));
        as(host, "HOST").body(pinRequest(unknown, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "product-not-pinnable"))
                .body("reason", equalTo("UNKNOWN_PRODUCT")).body("detail", containsString(unknown.toString()));

        // another shop's product, not authorised, but listed in the alliance pool: any host may sell it
        CatalogProductView alliance = new CatalogProductView(UUID.randomUUID())
                .with("alliance", Map.of("commissionRateBps", 1500, "listedAt", "2026-01-01T00:00:00Z")).stub();
        pin(host, sessionId, alliance);
        as(host, "HOST").get("/api/live/sessions/" + sessionId).then().statusCode(200).body("bag", hasSize(1));
    }

    @Test
    void offersMustFitTheProduct() {
        String sessionId = liveSession(host);
        CatalogProductView product = pinnableProduct(host);
        CatalogProductView other = pinnableProduct(host);
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(other.skuA, 100))))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-offer"))
                .body("errors[0].field", equalTo("offers[0].skuId"))
                .body("detail", containsString("not a SKU of product " + product.id));
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 19901))))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-offer"))
                .body("errors[0].field", equalTo("offers[0].livePriceCents"))
                .body("errors[0].message", containsString("19900"));
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 0))))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("offers[0].livePriceCents"));
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 100), offer(product.skuA, 200))))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("offers[1].skuId"));
        Map<String, Object> badLimit = offer(product.skuA, 100);
        badLimit.put("perBuyerLimit", 0);
        as(host, "HOST").body(pinRequest(product.id, List.of(badLimit))).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "validation-failed"))
                .body("errors[0].field", equalTo("offers[0].perBuyerLimit"));
        as(host, "HOST").body(Map.of("productId", product.id, "note", "Cheaper at shop.taobao.com"))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "outbound-link"))
                .body("errors[0].field", equalTo("note"));
        as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("bag", hasSize(0));
    }

    @Test
    void catalogDownIsA503AndNothingIsPinned() {
        String sessionId = liveSession(host);
        UUID productId = UUID.randomUUID();
        CatalogStub.server().stubFor(WireMock.get("/internal/products/" + productId)
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        as(host, "HOST").body(pinRequest(productId, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(503).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"))
                .body("status", equalTo(503)).body("detail", containsString(productId.toString()));
        CatalogStub.server().stubFor(WireMock.get("/internal/products/" + productId)
                .willReturn(WireMock.aResponse().withStatus(500).withBody("boom")));
        as(host, "HOST").body(pinRequest(productId, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(503).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"));
        as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("bag", hasSize(0));
    }

    @Test
    void bagRulesAndOwnership() {
        String sessionId = liveSession(host);
        CatalogProductView product = pinnableProduct(host);
        pin(host, sessionId, product);
        as(host, "HOST").body(pinRequest(product.id, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "already-pinned"));
        UUID stranger = UUID.randomUUID();
        as(stranger, "HOST").body(pinRequest(pinnableProduct(stranger).id, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "forbidden"));
        as(stranger, "HOST").body(Map.of("note", "mine")).patch("/api/live/sessions/" + sessionId + "/pins/" + product.id)
                .then().statusCode(403).contentType(PROBLEM);
        as(stranger, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + product.id).then().statusCode(403).contentType(PROBLEM);
        as(stranger, "HOST").body(Map.of("productId", product.id)).put("/api/live/sessions/" + sessionId + "/explaining")
                .then().statusCode(403).contentType(PROBLEM);
        as(UUID.randomUUID(), "BUYER").delete("/api/live/sessions/" + sessionId + "/pins/" + product.id).then().statusCode(403);
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));
        as(host, "HOST").body(pinRequest(product.id, List.of())).post("/api/live/sessions/" + UUID.randomUUID() + "/pins")
                .then().statusCode(404).contentType(PROBLEM);

        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end").then().statusCode(200);
        as(host, "HOST").body(pinRequest(pinnableProduct(host).id, List.of())).post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("currentState", equalTo("ENDED")).body("detail", containsString("ENDED"));
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + product.id)
                .then().statusCode(409).contentType(PROBLEM).body("currentState", equalTo("ENDED"));
        as(host, "HOST").body(Map.of("productId", product.id)).put("/api/live/sessions/" + sessionId + "/explaining")
                .then().statusCode(409).contentType(PROBLEM).body("currentState", equalTo("ENDED"));
    }

    @Test
    void theBagIsReorderedReofferedAndExplained() {
        String sessionId = liveSession(host);
        CatalogProductView a = pinnableProduct(host);
        CatalogProductView b = pinnableProduct(host);
        CatalogProductView c = pinnableProduct(host);
        pin(host, sessionId, a);
        pin(host, sessionId, b);
        pin(host, sessionId, c);

        as(host, "HOST").body(Map.of("position", 1, "note", "Back in stock", "offers", List.of(offer(c.skuB, 20000))))
                .patch("/api/live/sessions/" + sessionId + "/pins/" + c.id)
                .then().statusCode(200).body("position", equalTo(1)).body("note", equalTo("Back in stock"))
                .body("offers", hasSize(1)).body("offers[0].skuId", equalTo(c.skuB.toString()))
                .body("offers[0].livePriceCents", equalTo(20000)).body("offers[0].listPriceCents", equalTo(25900));
        as(host, "HOST").body(Map.of("productId", b.id)).put("/api/live/sessions/" + sessionId + "/explaining")
                .then().statusCode(200).body("productId", equalTo(b.id.toString()));

        JsonPath view = as(UUID.randomUUID(), "BUYER").get("/api/live/sessions/" + sessionId).then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("hostId", equalTo(host.toString()))
                .body("room.title", equalTo("Evening picks"))
                .body("viewers.current", equalTo(0))
                .body("explainingProductId", equalTo(b.id.toString()))
                .extract().jsonPath();
        assertThat(view.getList("bag.productId")).containsExactly(c.id.toString(), a.id.toString(), b.id.toString());
        assertThat(view.getList("bag.position")).containsExactly(1, 2, 3);
        assertThat(view.getList("bag.explaining")).containsExactly(false, false, true);
        assertThat(view.getList("bag[1].skus.available")).containsExactly(10, 4);
        assertThat(view.getList("bag[1].skus.listPriceCents")).containsExactly(19900, 25900);

        as(host, "HOST").body(Map.of("position", 4)).patch("/api/live/sessions/" + sessionId + "/pins/" + a.id)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-position"));
        as(host, "HOST").body(Map.of("offers", List.of(offer(a.skuA, 99999)))).patch("/api/live/sessions/" + sessionId + "/pins/" + a.id)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-offer"));
        as(host, "HOST").body(Map.of("note", "see www.jd.com")).patch("/api/live/sessions/" + sessionId + "/pins/" + a.id)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "outbound-link"));
        as(host, "HOST").body(Map.of("productId", UUID.randomUUID())).put("/api/live/sessions/" + sessionId + "/explaining")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-pinned"));

        // unpinning the explained product clears it and closes the gap
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + b.id).then().statusCode(204);
        view = as(host, "HOST").get("/api/live/sessions/" + sessionId).then().statusCode(200)
                .body("explainingProductId", nullValue()).extract().jsonPath();
        assertThat(view.getList("bag.productId")).containsExactly(c.id.toString(), a.id.toString());
        assertThat(view.getList("bag.position")).containsExactly(1, 2);

        as(host, "HOST").body(Map.of("productId", a.id)).put("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(200);
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(204);
        as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("explainingProductId", nullValue());
    }

    @Test
    void aDelistedProductLeavesEveryBagAndStockFollowsCatalog() {
        String one = liveSession(host);
        String two = liveSession(host);
        CatalogProductView product = pinnableProduct(host);
        pin(host, one, product);
        pin(host, two, product);

        publish("catalog.stock.v1", product.skuA.toString(), cloudEvent("liveloop.stock.changed", product.skuA.toString(),
                Map.of("skuId", product.skuA, "productId", product.id, "available", 3, "version", 1)));
        await("stock 3 shown", () -> as(host, "HOST").get("/api/live/sessions/" + one).then().extract()
                .jsonPath().getInt("bag[0].skus[0].available") == 3);

        Map<String, Object> delisted = new HashMap<>();
        delisted.put("productId", product.id);
        delisted.put("shopId", product.shopId);
        delisted.put("title", "Linen dress");
        delisted.put("status", "OFF_SHELF");
        delisted.put("qualityStatus", "PASSED");
        delisted.put("alliance", null);
        delisted.put("skus", List.of());
        publish("catalog.products.v1", product.id.toString(), cloudEvent("liveloop.product.delisted", product.id.toString(), delisted));
        await("unpinned everywhere", () ->
                as(host, "HOST").get("/api/live/sessions/" + one).then().extract().jsonPath().getList("bag").isEmpty()
                        && as(host, "HOST").get("/api/live/sessions/" + two).then().extract().jsonPath().getList("bag").isEmpty());

        List<ConsumerRecord<String, String>> events = consume("live.sessions.v1", one, 3);
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("liveloop.session.started", "liveloop.pin.added", "liveloop.pin.removed");
    }

    @Test
    void emittedEventsFitTheirContractsAndCarryTheOffersInFull() {
        String roomId = io.liveloop.livestream.LiveFixtures.openRoom(host);
        String sessionId = io.liveloop.livestream.LiveFixtures.scheduleSession(host, roomId);
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/start").then().statusCode(200);
        CatalogProductView a = pinnableProduct(host);
        CatalogProductView b = pinnableProduct(host);
        Map<String, Object> limited = offer(a.skuB, 20000);
        limited.put("perBuyerLimit", 1);
        limited.put("startsAt", "2030-01-01T20:00:00Z");
        as(host, "HOST").body(pinRequest(a.id, List.of(offer(a.skuA, 15900), limited)))
                .post("/api/live/sessions/" + sessionId + "/pins").then().statusCode(201);
        pin(host, sessionId, b);
        as(host, "HOST").body(Map.of("position", 1)).patch("/api/live/sessions/" + sessionId + "/pins/" + b.id).then().statusCode(200);
        as(host, "HOST").body(Map.of("productId", a.id)).put("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(200);
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(204);
        as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + b.id).then().statusCode(204);
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end").then().statusCode(200);

        List<ConsumerRecord<String, String>> events = consume("live.sessions.v1", sessionId, 10);
        events.forEach(r -> EventSchemas.assertValid("live.sessions.v1", r.value()));
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type")).containsExactly(
                "liveloop.session.started", "liveloop.pin.added", "liveloop.pin.added",
                "liveloop.pin.updated", "liveloop.pin.updated", // b moved to 1, a pushed to 2
                "liveloop.explaining.changed", "liveloop.explaining.changed",
                "liveloop.pin.removed", "liveloop.pin.updated", // b gone, a back to 1
                "liveloop.session.ended");

        JsonPath started = JsonPath.from(events.get(0).value());
        assertThat(started.getString("subject")).isEqualTo(sessionId);
        assertThat(started.getString("data.roomId")).isEqualTo(roomId);
        assertThat(started.getString("data.hostId")).isEqualTo(host.toString());
        assertThat(started.getString("data.title")).isEqualTo("Summer dresses live");
        JsonPath added = JsonPath.from(events.get(1).value());
        assertThat(added.getString("data.productId")).isEqualTo(a.id.toString());
        assertThat(added.getString("data.shopId")).isEqualTo(a.shopId.toString());
        assertThat(added.getInt("data.position")).isEqualTo(1);
        assertThat(added.getList("data.offers.livePriceCents")).containsExactly(15900, 20000);
        assertThat(added.getList("data.offers.listPriceCents")).containsExactly(19900, 25900);
        assertThat(added.getList("data.offers.perBuyerLimit")).containsExactly(null, 1);
        assertThat(added.getList("data.offers.startsAt")).containsExactly(null, "2030-01-01T20:00:00Z");
        assertThat(events.get(1).value()).contains("\"perBuyerLimit\":null", "\"startsAt\":null");
        assertThat(JsonPath.from(events.get(3).value()).getString("data.productId")).isEqualTo(b.id.toString());
        assertThat(JsonPath.from(events.get(3).value()).getInt("data.position")).isEqualTo(1);
        assertThat(JsonPath.from(events.get(5).value()).getString("data.productId")).isEqualTo(a.id.toString());
        assertThat(events.get(6).value()).contains("\"productId\":null");
        assertThat(JsonPath.from(events.get(7).value()).getString("data.productId")).isEqualTo(b.id.toString());
        assertThat(JsonPath.from(events.get(9).value()).getString("data.endedAt")).isNotNull();
    }

    @Test
    void concurrentPinsGetDistinctPositions() throws Exception {
        String sessionId = liveSession(host);
        List<CatalogProductView> products = java.util.stream.IntStream.range(0, 8).mapToObj(i -> pinnableProduct(host)).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = pool.invokeAll(products.stream()
                    .<java.util.concurrent.Callable<Integer>>map(p -> () -> as(host, "HOST")
                            .body(pinRequest(p.id, List.of(offer(p.skuA, 100))))
                            .post("/api/live/sessions/" + sessionId + "/pins").statusCode())
                    .toList());
            for (var r : results) {
                assertThat(r.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
        JsonPath view = as(host, "HOST").get("/api/live/sessions/" + sessionId).then().statusCode(200).extract().jsonPath();
        assertThat(view.getList("bag.position")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    private void notPinnable(String sessionId, CatalogProductView product, String reason, String detail) {
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 100))))
                .post("/api/live/sessions/" + sessionId + "/pins")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "product-not-pinnable"))
                .body("status", equalTo(422))
                .body("reason", equalTo(reason))
                .body("detail", containsString(detail));
    }
}
