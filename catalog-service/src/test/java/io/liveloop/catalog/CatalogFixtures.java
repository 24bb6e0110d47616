package io.liveloop.catalog;

import io.liveloop.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Drives the catalog API the way the apps do, for tests that need a shop or a product to exist. */
public final class CatalogFixtures {

    public static final UUID ADMIN = UUID.randomUUID();

    private CatalogFixtures() {
    }

    public static RequestSpecification as(UUID user, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(user, role));
    }

    public static String openShop(UUID seller) {
        return as(seller, "SELLER").body(Map.of("name", "Shop " + seller.toString().substring(0, 6), "description", "A test shop"))
                .post("/api/catalog/shops").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> product(String shopId, String title, List<Map<String, Object>> skus) {
        return Map.of("shopId", shopId, "title", title, "description", "Soft cotton, machine wash. 纯棉面料",
                "imageUrls", List.of("https://media.liveloop.example/img/" + UUID.randomUUID() + ".jpg"),
                "shipWithinHours", 24, "skus", skus);
    }

    public static Map<String, Object> sku(String code, long priceCents, int stock) {
        return Map.of("skuCode", code, "attributes", Map.of("color", "red", "size", "M"), "priceCents", priceCents, "stock", stock);
    }

    /** Creates a product, passes its quality check and publishes it; returns the product JSON path root. */
    public static io.restassured.path.json.JsonPath onSaleProduct(UUID seller, String shopId, String title, int stock) {
        String productId = as(seller, "SELLER").body(product(shopId, title, List.of(sku("A", 19900, stock), sku("B", 25900, stock))))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");
        as(ADMIN, "ADMIN").body(Map.of("result", "PASSED", "notes", "ok")).post("/api/catalog/products/" + productId + "/quality-checks")
                .then().statusCode(201);
        return as(seller, "SELLER").post("/api/catalog/products/" + productId + "/publish")
                .then().statusCode(200).extract().jsonPath();
    }

    /** order-service's reservation request: these quantities per SKU id, expiring in 15 minutes. */
    public static Map<String, Object> reservation(UUID id, Map<String, Integer> quantities) {
        List<Map<String, Object>> items = new ArrayList<>();
        quantities.forEach((sku, q) -> items.add(Map.of("skuId", sku, "quantity", q)));
        return Map.of("reservationId", id, "expiresAt", Instant.now().plusSeconds(900).toString(), "items", items);
    }

    /** POST /internal/reservations, as order-service calls it (no user token). */
    public static io.restassured.response.Response reserve(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/internal/reservations");
    }
}
