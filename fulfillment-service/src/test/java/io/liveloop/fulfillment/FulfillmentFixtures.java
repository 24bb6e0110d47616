package io.liveloop.fulfillment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives fulfillment the way order-service, catalog, admins, sellers, buyers and partners do. */
final class FulfillmentFixtures {

    static final String PROBLEM = "application/problem+json";
    static final String TOPIC = "fulfillment.shipments.v1";
    static final UUID ADMIN = UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FulfillmentFixtures() {
    }

    static RequestSpecification as(UUID user, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(user, role));
    }

    static RequestSpecification asAdmin() {
        return as(ADMIN, "ADMIN");
    }

    /** A partner whose endpoint is {@code path} on the WireMock server. */
    record TestPartner(String id, String secret, String path) {
        WebhookSecret webhookSecret() {
            return WebhookSecret.parse(secret);
        }
    }

    static String uniquePath() {
        return "/partner-" + UUID.randomUUID() + "/webhooks";
    }

    static TestPartner partner(String path) {
        return partnerAt(WireMockServers.server().baseUrl() + path, path);
    }

    static TestPartner partnerAt(String url, String path) {
        JsonPath created = asAdmin().body(Map.of("name", "Partner " + path.substring(9, 15), "webhookUrl", url))
                .post("/api/fulfillment/partners").then().statusCode(201).extract().jsonPath();
        return new TestPartner(created.getString("id"), created.getString("signingSecret"), path);
    }

    /** Lets the partner answer every webhook with {@code status}. */
    static void partnerAnswers(String path, int status) {
        WireMockServers.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"answer\":" + status + "}")));
    }

    /** Catalog knows the shop as {@code owner}'s. */
    static void catalogShop(UUID shopId, UUID owner) {
        WireMockServers.server().stubFor(get(urlEqualTo("/api/catalog/shops/" + shopId))
                .willReturn(okJson("{\"id\":\"" + shopId + "\",\"name\":\"Shop\",\"description\":\"\",\"ownerId\":\""
                        + owner + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
    }

    /** A shop of a fresh seller, routed to {@code partner}. */
    static UUID shopRoutedTo(TestPartner partner, UUID owner) {
        UUID shopId = UUID.randomUUID();
        catalogShop(shopId, owner);
        as(owner, "SELLER").body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shopId + "/partner")
                .then().statusCode(200);
        return shopId;
    }

    // --- orders.v1 ---------------------------------------------------------------------------------

    record PaidOrder(UUID orderId, UUID buyerId, UUID shopId, Instant paidAt, int shipWithinHours) {
        static PaidOrder of(UUID shopId) {
            return new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shopId, Instant.now(), 48);
        }
    }

    static String paidEvent(PaidOrder order) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("skuId", UUID.randomUUID().toString());
        item.put("productId", UUID.randomUUID().toString());
        item.put("title", "夏季碎花连衣裙");
        item.put("skuAttributes", Map.of("color", "red", "size", "M"));
        item.put("quantity", 2);
        item.put("unitPriceCents", 19900);
        item.put("listPriceCents", 25900);
        item.put("lineTotalCents", 39800);
        item.put("shipWithinHours", order.shipWithinHours());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.orderId().toString());
        data.put("buyerId", order.buyerId().toString());
        data.put("shopId", order.shopId().toString());
        data.put("items", List.of(item));
        data.put("shippingAddress", Map.of("recipient", "王小明", "phone", "13800000000", "province", "浙江省",
                "city", "杭州市", "district", "西湖区", "line1", "文三路 1 号", "postalCode", "310000"));
        data.put("shipWithinHours", order.shipWithinHours());
        data.put("totalCents", 39800);
        data.put("currency", "CNY");
        data.put("liveSessionId", null);
        data.put("hostId", null);
        data.put("commissionCents", 0);
        data.put("paymentId", UUID.randomUUID().toString());
        data.put("paidAt", order.paidAt().toString());
        return event("liveloop.order.paid", order.orderId(), data);
    }

    static String event(String type, UUID orderId, Map<String, Object> data) {
        return TestEvents.cloudEvent(type, "/order-service", orderId, data);
    }

    static void publish(UUID orderId, String... events) {
        KafkaBroker.publish("orders.v1", orderId.toString(), events);
    }

    /** Publishes the paid event and waits for its shipment; returns the shipment as its buyer sees it. */
    static JsonPath paidAndShipped(PaidOrder order) {
        publish(order.orderId(), paidEvent(order));
        return awaitShipment(order, s -> true);
    }

    static JsonPath awaitShipment(PaidOrder order, java.util.function.Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await("shipment of order " + order.orderId(), () -> {
            JsonPath page = asAdmin().queryParam("orderId", order.orderId()).get("/api/fulfillment/shipments")
                    .then().statusCode(200).extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                return false;
            }
            last[0] = new JsonPath(asAdmin().get("/api/fulfillment/shipments/" + page.getString("items[0].id")).asString());
            return condition.test(last[0]);
        }, () -> last[0] == null ? "no shipment" : last[0].prettify());
        return last[0];
    }

    // --- partners' side ----------------------------------------------------------------------------

    static List<LoggedRequest> received(String path) {
        return WireMockServers.server().findAll(postRequestedFor(urlEqualTo(path)));
    }

    static LoggedRequest awaitReceived(String path, int count) {
        await(count + " webhook(s) at " + path, () -> received(path).size() >= count, () -> received(path).size() + " received");
        return received(path).get(count - 1);
    }

    /** The {@code shipment.requested} delivery of a shipment, with its attempts, as an admin lists it. */
    static JsonPath delivery(TestPartner partner, String shipmentId) {
        JsonPath page = asAdmin().queryParam("partnerId", partner.id()).queryParam("limit", 100)
                .get("/api/fulfillment/deliveries").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> found = items.stream().filter(d -> shipmentId.equals(d.get("shipmentId"))
                && "shipment.requested".equals(d.get("type"))).findFirst().orElseThrow();
        return new JsonPath(JSON.valueToTree(found).toString());
    }

    static Map<String, String> signatureHeaders(LoggedRequest request) {
        return Map.of(SignedHeaders.ID, request.getHeader(SignedHeaders.ID),
                SignedHeaders.TIMESTAMP, request.getHeader(SignedHeaders.TIMESTAMP),
                SignedHeaders.SIGNATURE, request.getHeader(SignedHeaders.SIGNATURE));
    }

    /** A tracking webhook as a partner sends it, signed with {@code secret}. */
    static Response track(TestPartner partner, WebhookSecret secret, String type, String shipmentId, Instant occurredAt) {
        return track(partner.id(), secret, WebhookSigner.newMessageId(), Instant.now(),
                "{\"type\":\"" + type + "\",\"data\":{\"shipmentId\":\"" + shipmentId + "\",\"trackingNumber\":\"SF1234567890\","
                        + "\"occurredAt\":\"" + occurredAt + "\",\"location\":\"杭州转运中心\"}}");
    }

    static Response track(String partnerId, WebhookSecret secret, String messageId, Instant signedAt, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SignedHeaders headers = new WebhookSigner(Clock.systemUTC()).sign(messageId, signedAt, bytes, List.of(secret));
        return given().contentType(ContentType.JSON).headers(headers.asMap()).body(bytes)
                .post("/webhooks/logistics/" + partnerId);
    }

    // --- events --------------------------------------------------------------------------------------

    /** The events of one shipment (its data.shipmentId), in the order they were published. */
    static List<ConsumerRecord<String, String>> consume(String shipmentId, int expected) {
        return KafkaBroker.consume(TOPIC, r -> shipmentId.equals(JsonPath.from(r.value()).getString("data.shipmentId")), expected);
    }

    static String type(String event) {
        return JsonPath.from(event).getString("type");
    }

    // --- waiting -------------------------------------------------------------------------------------

    static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("%s never happened; last seen: %s", what, state.get()).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
