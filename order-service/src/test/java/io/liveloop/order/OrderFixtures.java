package io.liveloop.order;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.liveloop.platform.testing.KafkaBroker;
import io.liveloop.platform.testing.TestEvents;
import io.liveloop.platform.testing.TestTokens;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives order-service the way apps, catalog, livestream and fulfillment do, for this module's tests. */
final class OrderFixtures {

    static final String PROBLEM = "application/problem+json";
    static final String PROBLEMS = "https://liveloop.example/problems/";

    private OrderFixtures() {
    }

    static RequestSpecification as(UUID user, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(user, role));
    }

    // --- catalog (WireMock) ------------------------------------------------------------------------

    /** A SKU as catalog would describe it in a reservation. */
    record Sku(UUID skuId, UUID productId, UUID shopId, String title, long listPriceCents, int shipWithinHours,
               Integer allianceRateBps) {
        static Sku of(UUID shopId, long listPriceCents) {
            return new Sku(UUID.randomUUID(), UUID.randomUUID(), shopId, "Silk scarf", listPriceCents, 48, null);
        }

        Sku inAlliance(int rateBps) {
            return new Sku(skuId, productId, shopId, title, listPriceCents, shipWithinHours, rateBps);
        }
    }

    static WireMock catalog() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("liveloop.services.catalog-url", String.class));
        return new WireMock(url.getHost(), url.getPort());
    }

    /** Catalog reserves these SKUs (each at the given quantity) for any reservation asking for all of them. */
    static void stubReservation(Map<Sku, Integer> items, List<UUID> authorizedHostIds) {
        stubReservation(items, authorizedHostIds, Duration.ZERO);
    }

    /** As {@link #stubReservation(Map, List)}, catalog taking {@code delay} to answer each reservation. */
    static void stubReservation(Map<Sku, Integer> items, List<UUID> authorizedHostIds, Duration delay) {
        var request = post(urlEqualTo("/internal/reservations"));
        List<Map<String, Object>> answered = new ArrayList<>();
        items.forEach((sku, quantity) -> {
            request.withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + sku.skuId() + "')]"));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("skuId", sku.skuId());
            item.put("productId", sku.productId());
            item.put("shopId", sku.shopId());
            item.put("title", sku.title());
            item.put("skuAttributes", Map.of("color", "red"));
            item.put("listPriceCents", sku.listPriceCents());
            item.put("quantity", quantity);
            item.put("shipWithinHours", sku.shipWithinHours());
            item.put("alliance", sku.allianceRateBps() == null ? null : Map.of("commissionRateBps", sku.allianceRateBps()));
            answered.add(item);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", UUID.randomUUID());
        body.put("status", "RESERVED");
        body.put("expiresAt", Instant.now().plusSeconds(900).toString());
        body.put("items", answered);
        body.put("authorizedHostIds", authorizedHostIds);
        catalog().register(request.willReturn(aResponse().withStatus(201).withFixedDelay((int) delay.toMillis())
                .withHeader("Content-Type", "application/json").withBody(json(body))));
    }

    /** Catalog gives any hold back (DELETE /internal/reservations/{id}), as it does: 204. */
    static void stubRelease() {
        catalog().register(delete(urlMatching("/internal/reservations/.*")).willReturn(aResponse().withStatus(204)));
    }

    /** The ids of the reservations catalog was asked for that include the SKU, in the order asked. */
    static List<String> reservationsAskedFor(Sku sku) {
        return catalog().find(postRequestedFor(urlEqualTo("/internal/reservations"))
                        .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + sku.skuId() + "')]"))).stream()
                .map(r -> JsonPath.from(r.getBodyAsString()).getString("reservationId")).toList();
    }

    /** The ids of the reservations catalog was asked to give back, once per request. */
    static List<String> reservationsGivenBack() {
        return catalog().find(deleteRequestedFor(urlMatching("/internal/reservations/.*"))).stream()
                .map(r -> r.getUrl().substring("/internal/reservations/".length())).toList();
    }

    static void stubReservationProblem(UUID skuId, int status, String problemJson) {
        catalog().register(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + skuId + "')]"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", PROBLEM).withBody(problemJson)));
    }

    static void stubShop(UUID shopId, UUID ownerId) {
        catalog().register(get(urlEqualTo("/internal/shops/" + shopId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + shopId + "\",\"ownerId\":\"" + ownerId + "\"}")));
    }

    // --- orders -----------------------------------------------------------------------------------

    static Map<String, Object> orderBody(Map<Sku, Integer> items, UUID liveSessionId) {
        List<Map<String, Object>> lines = new ArrayList<>();
        items.forEach((sku, quantity) -> lines.add(Map.of("skuId", sku.skuId(), "quantity", quantity)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", lines);
        if (liveSessionId != null) {
            body.put("liveSessionId", liveSessionId);
        }
        body.put("shippingAddress", Map.of("recipient", "Li Wei", "phone", "+86 138 0000 0000", "province", "Zhejiang",
                "city", "Hangzhou", "district", "Xihu", "line1", "1 Wensan Road", "postalCode", "310000"));
        body.put("buyerNote", "Please wrap it");
        return body;
    }

    static Response placeOrder(UUID buyer, String key, Map<String, Object> body) {
        RequestSpecification request = as(buyer, "BUYER").body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/orders");
    }

    /** A placed order (list prices, no session) of one SKU, quantity 1. */
    static JsonPath placedOrder(UUID buyer, Sku sku) {
        stubReservation(Map.of(sku, 1), List.of());
        return placeOrder(buyer, UUID.randomUUID().toString(), orderBody(Map.of(sku, 1), null))
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath order(UUID user, String role, String orderId) {
        return as(user, role).get("/api/orders/" + orderId).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitOrder(UUID buyer, String orderId, Predicate<JsonPath> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonPath order = order(buyer, "BUYER", orderId);
        while (!condition.test(order)) {
            assertThat(Instant.now()).as("order %s never reached the expected state: %s", orderId, order.prettify())
                    .isBefore(deadline);
            Thread.sleep(100);
            order = order(buyer, "BUYER", orderId);
        }
        return order;
    }

    // --- payments ---------------------------------------------------------------------------------

    static JsonPath startPayment(UUID buyer, String orderId, String simulate) {
        return as(buyer, "BUYER").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("provider", "sandbox", "simulate", simulate))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(201).extract().jsonPath();
    }

    static WebhookSecret sandboxSecret() {
        return WebhookSecret.parse(ConfigProvider.getConfig().getValue("order.sandbox.webhook-secret", String.class));
    }

    static String notification(String type, String providerRef, long amountCents) {
        return "{\"type\":\"" + type + "\",\"data\":{\"providerRef\":\"" + providerRef + "\",\"amountCents\":" + amountCents + "}}";
    }

    /** Posts a notification signed with {@code secret}, stamped {@code at}, under {@code webhookId}. */
    static Response callBack(String body, String webhookId, Instant at, WebhookSecret secret) {
        SignedHeaders headers = new WebhookSigner(Clock.systemUTC())
                .sign(webhookId, at, body.getBytes(StandardCharsets.UTF_8), List.of(secret));
        return given().contentType(ContentType.JSON).headers(headers.asMap()).body(body).post("/webhooks/payments/sandbox");
    }

    static Response callBack(String body) {
        return callBack(body, WebhookSigner.newMessageId(), Instant.now(), sandboxSecret());
    }

    // --- Kafka --------------------------------------------------------------------------------------

    static String event(String type, UUID subject, String dataJson) {
        return TestEvents.cloudEvent(type, "/test", subject, TestEvents.json(dataJson));
    }

    static void publish(String topic, UUID key, String... events) {
        KafkaBroker.publish(topic, key.toString(), events);
    }

    static List<ConsumerRecord<String, String>> consume(String topic, String key, int expected) {
        return KafkaBroker.consume(topic, key, expected);
    }

    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
