package io.liveloop.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The supply side of the loop on the packaged suite: a seller opens a shop and a product, an admin passes its
 * quality check, the seller publishes it and buyers find it by search. Straight to catalog-service until the
 * gateway routes.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class CatalogE2ETest {

    @Test
    void aPublishedProductIsFoundBySearch(RunningSuite suite) {
        SuiteTokens tokens = new SuiteTokens(suite);
        String catalog = suite.url("catalog-service");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;

        String shopId = as(tokens.bearer(seller, "SELLER"))
                .body(Map.of("name", "春日花园 " + tag, "description", "Dresses for spring"))
                .post(catalog + "/api/catalog/shops")
                .then().statusCode(201).body("ownerId", equalTo(SuiteTokens.userId(seller).toString()))
                .extract().path("id");

        String productId = as(tokens.bearer(seller, "SELLER"))
                .body(Map.of("shopId", shopId, "title", "夏季碎花连衣裙 " + tag, "description", "Light chiffon, 雪纺",
                        "imageUrls", List.of("https://media.liveloop.example/p/" + tag + ".jpg"),
                        "skus", List.of(Map.of("skuCode", "S", "attributes", Map.of("size", "S"), "priceCents", 19900, "stock", 20),
                                Map.of("skuCode", "M", "attributes", Map.of("size", "M"), "priceCents", 19900, "stock", 30))))
                .post(catalog + "/api/catalog/products")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");

        as(tokens.bearer("inspector-" + tag, "ADMIN")).body(Map.of("result", "PASSED", "notes", "fabric and seams ok"))
                .post(catalog + "/api/catalog/products/" + productId + "/quality-checks")
                .then().statusCode(201);
        as(tokens.bearer(seller, "SELLER")).post(catalog + "/api/catalog/products/" + productId + "/publish")
                .then().statusCode(200).body("status", equalTo("ON_SALE"));

        as(tokens.bearer("buyer-" + tag, "BUYER")).queryParam("q", "连衣裙 " + tag)
                .get(catalog + "/api/catalog/products")
                .then().statusCode(200).body("items.id", hasItem(productId));
    }

    private static RequestSpecification as(String bearer) {
        return given().contentType(ContentType.JSON).header("Authorization", bearer);
    }
}
