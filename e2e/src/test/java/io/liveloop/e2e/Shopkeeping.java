package io.liveloop.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The supply side, as a seller and an inspector drive it: a shop with a published product, for tests that sell it. */
final class Shopkeeping {

    private final SuiteTokens tokens;
    private final String catalog;  // base URL that serves /api/catalog

    Shopkeeping(RunningSuite suite) {
        this.tokens = new SuiteTokens(suite);
        this.catalog = suite.url("gateway"); // as the apps do: every call through the one public entry
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
}
