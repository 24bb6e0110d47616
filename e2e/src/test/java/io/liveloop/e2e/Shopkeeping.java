package io.liveloop.e2e;

import io.liveloop.tools.partner.PartnerSimulator;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The people of the platform as the apps drive them, every call through the gateway: a seller with a shop and a
 * published product, an inspector, a host with a live session, a buyer who orders and pays, the shop's partner.
 */
final class Shopkeeping {

    static final Map<String, Object> ADDRESS = Map.of("recipient", "王小明", "phone", "13800000000",
            "province", "浙江省", "city", "杭州市", "district", "西湖区", "line1", "文三路 100 号");

    private final SuiteTokens tokens;
    private final String catalog;  // base URL that serves /api/catalog
    private final String gateway;

    Shopkeeping(RunningSuite suite) {
        this.tokens = new SuiteTokens(suite);
        this.gateway = suite.url("gateway"); // as the apps do: every call through the one public entry
        this.catalog = gateway;
    }

    String gateway() {
        return gateway;
    }

    SuiteTokens tokens() {
        return tokens;
    }

    RequestSpecification as(String username, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", tokens.bearer(username, role));
    }

    String openShop(String seller, String name) {
        return as(seller, "SELLER").body(Map.of("name", name, "description", "A shop of " + seller))
                .post(catalog + "/api/catalog/shops")
                .then().statusCode(201).body("ownerId", equalTo(SuiteTokens.userId(seller).toString()))
                .extract().path("id");
    }

    /** A DRAFT product with two SKUs (S and M) at {@code priceCents}, {@code stock} units each. */
    String draftProduct(String seller, String shopId, String title, long priceCents, int stock) {
        return as(seller, "SELLER")
                .body(Map.of("shopId", shopId, "title", title, "description", "Light chiffon, 雪纺",
                        "imageUrls", List.of("https://media.liveloop.example/p/" + Math.abs(title.hashCode()) + ".jpg"),
                        "skus", List.of(
                                Map.of("skuCode", "S", "attributes", Map.of("size", "S"), "priceCents", priceCents, "stock", stock),
                                Map.of("skuCode", "M", "attributes", Map.of("size", "M"), "priceCents", priceCents, "stock", stock))))
                .post(catalog + "/api/catalog/products")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
    }

    /** Passes the product's quality check (as an admin) and publishes it (as its seller); returns the product. */
    JsonPath passAndPublish(String seller, String productId) {
        as("inspector", "ADMIN").body(Map.of("result", "PASSED", "notes", "fabric and seams ok"))
                .post(catalog + "/api/catalog/products/" + productId + "/quality-checks")
                .then().statusCode(201);
        return as(seller, "SELLER").post(catalog + "/api/catalog/products/" + productId + "/publish")
                .then().statusCode(200).body("status", equalTo("ON_SALE")).extract().jsonPath();
    }

    Map<String, Integer> stock(String seller, String skuId) {
        return as(seller, "SELLER").get(catalog + "/api/catalog/skus/" + skuId + "/stock")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** An admin registers {@code partner} as a logistics partner and the seller routes the shop's parcels to it. */
    String routeToPartner(String seller, String shopId, PartnerSimulator partner, String name) {
        JsonPath created = as("ops", "ADMIN").body(Map.of("name", name, "webhookUrl", partner.url()))
                .post(gateway + "/api/fulfillment/partners").then().statusCode(201).extract().jsonPath();
        partner.useSecret(created.getString("signingSecret"));
        String partnerId = created.getString("id");
        as(seller, "SELLER").body(Map.of("partnerId", partnerId))
                .put(gateway + "/api/fulfillment/shops/" + shopId + "/partner").then().statusCode(200);
        return partnerId;
    }

    /** A host's room with a LIVE session that pins {@code productId} with a live offer on one SKU; returns the session id. */
    String goLive(String host, String productId, String skuId, long livePriceCents, int perBuyerLimit) {
        String roomId = as(host, "HOST").body(Map.of("title", "Live with " + host))
                .post(gateway + "/api/live/rooms").then().statusCode(201).extract().path("id");
        String sessionId = as(host, "HOST").body(Map.of("title", "Tonight's show"))
                .post(gateway + "/api/live/rooms/" + roomId + "/sessions").then().statusCode(201).extract().path("id");
        as(host, "HOST").post(gateway + "/api/live/sessions/" + sessionId + "/start")
                .then().statusCode(200).body("status", equalTo("LIVE"));
        pin(host, sessionId, productId, skuId, livePriceCents, perBuyerLimit).then().statusCode(201);
        awaitOfferInOrderService();
        return sessionId;
    }

    io.restassured.response.Response pin(String host, String sessionId, String productId, String skuId,
                                         long livePriceCents, int perBuyerLimit) {
        return as(host, "HOST").body(Map.of("productId", productId, "offers",
                        List.of(Map.of("skuId", skuId, "livePriceCents", livePriceCents, "perBuyerLimit", perBuyerLimit))))
                .post(gateway + "/api/live/sessions/" + sessionId + "/pins");
    }

    /**
     * A pin reaches order-service's read model of live offers over Kafka (live.sessions.v1), a moment after the
     * pin's commit; an app's buyer cannot tap faster than that, a test can.
     */
    static void awaitOfferInOrderService() {
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/orders as {@code buyer}: {@code quantity} of one SKU, in a live session when {@code sessionId} is set. */
    io.restassured.response.Response placeOrder(String buyer, String idempotencyKey, String skuId, int quantity, String sessionId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "items", List.of(Map.of("skuId", skuId, "quantity", quantity)), "shippingAddress", ADDRESS));
        if (sessionId != null) {
            body.put("liveSessionId", sessionId);
        }
        return as(buyer, "BUYER").header("Idempotency-Key", idempotencyKey).body(body).post(gateway + "/api/orders");
    }

    /** Pays the order with the sandbox provider, which calls order-service back with a signed notification. */
    JsonPath pay(String buyer, String orderId, String simulate) {
        return as(buyer, "BUYER").header("Idempotency-Key", "pay-" + orderId)
                .body(Map.of("provider", "sandbox", "simulate", simulate))
                .post(gateway + "/api/orders/" + orderId + "/payments").then().statusCode(201).extract().jsonPath();
    }

    JsonPath order(String buyer, String orderId) {
        return as(buyer, "BUYER").get(gateway + "/api/orders/" + orderId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the order reaches {@code status} (as its buyer reads it) and returns it. */
    JsonPath awaitOrder(String buyer, String orderId, String status) {
        return Eventually.eventually(() -> order(buyer, orderId), o -> status.equals(o.getString("status")));
    }
}
