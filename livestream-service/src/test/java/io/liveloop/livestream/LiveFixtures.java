package io.liveloop.livestream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.liveloop.platform.testing.KafkaBroker;
import io.liveloop.platform.testing.TestEvents;
import io.liveloop.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the live API the way the apps do, stubs catalog's product view, and talks to Kafka. */
public final class LiveFixtures {

    public static final String PROBLEM = "application/problem+json";
    public static final String PROBLEMS = "https://liveloop.example/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveFixtures() {
    }

    public static RequestSpecification as(UUID user, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(user, role));
    }

    public static String openRoom(UUID host) {
        return as(host, "HOST").body(Map.of("title", "Evening picks")).post("/api/live/rooms")
                .then().statusCode(201).extract().path("id");
    }

    public static String scheduleSession(UUID host, String roomId) {
        return as(host, "HOST").body(Map.of("title", "Summer dresses live")).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(201).extract().path("id");
    }

    public static String liveSession(UUID host) {
        String sessionId = scheduleSession(host, openRoom(host));
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/start").then().statusCode(200);
        return sessionId;
    }

    /** Catalog's internal product view of a product; change it with the with* methods, then {@link #stub()}. */
    public static final class CatalogProductView {
        public final UUID id = UUID.randomUUID();
        public final UUID shopId = UUID.randomUUID();
        public final UUID skuA = UUID.randomUUID();
        public final UUID skuB = UUID.randomUUID();
        private final Map<String, Object> view = new LinkedHashMap<>();

        public CatalogProductView(UUID authorizedHost) {
            view.put("id", id);
            view.put("shopId", shopId);
            view.put("title", "Linen dress");
            view.put("imageUrl", "https://media.liveloop.example/img/" + id + ".jpg");
            view.put("status", "ON_SALE");
            view.put("qualityStatus", "PASSED");
            view.put("shipWithinHours", 24);
            view.put("skus", List.of(sku(skuA, "M", 19900, 10), sku(skuB, "L", 25900, 4)));
            view.put("alliance", null);
            view.put("authorizedHostIds", authorizedHost == null ? List.of() : List.of(authorizedHost));
        }

        public CatalogProductView with(String field, Object value) {
            view.put(field, value);
            return this;
        }

        public CatalogProductView stub() {
            try {
                CatalogStub.server().stubFor(WireMock.get("/internal/products/" + id)
                        .willReturn(WireMock.okJson(JSON.writeValueAsString(view))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        private static Map<String, Object> sku(UUID id, String code, long price, int available) {
            Map<String, Object> sku = new HashMap<>();
            sku.put("id", id);
            sku.put("skuCode", code);
            sku.put("attributes", Map.of("size", code));
            sku.put("listPriceCents", price);
            sku.put("available", available);
            return sku;
        }
    }

    /** A pinnable product of a shop that authorised {@code host}, stubbed in catalog. */
    public static CatalogProductView pinnableProduct(UUID host) {
        return new CatalogProductView(host).stub();
    }

    public static Map<String, Object> offer(UUID skuId, long livePriceCents) {
        Map<String, Object> offer = new HashMap<>();
        offer.put("skuId", skuId);
        offer.put("livePriceCents", livePriceCents);
        return offer;
    }

    public static Map<String, Object> pinRequest(UUID productId, List<Map<String, Object>> offers) {
        return Map.of("productId", productId, "note", "Only tonight", "offers", offers);
    }

    public static void pin(UUID host, String sessionId, CatalogProductView product) {
        as(host, "HOST").body(pinRequest(product.id, List.of(offer(product.skuA, 15900))))
                .post("/api/live/sessions/" + sessionId + "/pins").then().statusCode(201);
    }

    // --- Kafka ----------------------------------------------------------------------------------

    public static void publish(String topic, String key, String event) {
        KafkaBroker.publish(topic, key, event);
    }

    public static String cloudEvent(String type, String subject, Map<String, Object> data) {
        return cloudEvent(UUID.randomUUID().toString(), type, subject, data);
    }

    public static String cloudEvent(String id, String type, String subject, Map<String, Object> data) {
        return TestEvents.cloudEvent(id, type, "/test", subject, data);
    }

    /** The records with {@code key} on {@code topic}, waiting until {@code expected} arrived (or 30 s). */
    public static List<ConsumerRecord<String, String>> consume(String topic, String key, int expected) {
        return KafkaBroker.consume(topic, key, expected);
    }

    /** An orders.v1 event of the assumed shape (see the report): one line per {productId, skuId, quantity, unitPrice}. */
    public static String orderEvent(String eventId, String type, UUID orderId, String sessionId, long commissionCents,
                                    Object[]... lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        long total = 0;
        for (Object[] l : lines) {
            long lineTotal = ((Number) l[2]).longValue() * ((Number) l[3]).longValue();
            total += lineTotal;
            items.add(Map.of("productId", l[0], "skuId", l[1], "quantity", l[2], "unitPriceCents", l[3], "lineTotalCents", lineTotal));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("orderId", orderId);
        data.put("buyerId", UUID.randomUUID());
        data.put("shopId", UUID.randomUUID());
        data.put("liveSessionId", sessionId);
        data.put("hostId", UUID.randomUUID());
        data.put("items", items);
        data.put("totalCents", total);
        data.put("commissionCents", commissionCents);
        return cloudEvent(eventId, type, orderId.toString(), data);
    }

    public static void publishOrder(String event) {
        publish("orders.v1", io.restassured.path.json.JsonPath.from(event).getString("subject"), event);
    }

    public static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("never happened: %s", what).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
