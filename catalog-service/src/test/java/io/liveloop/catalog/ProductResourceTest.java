package io.liveloop.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.catalog.CatalogFixtures.ADMIN;
import static io.liveloop.catalog.CatalogFixtures.as;
import static io.liveloop.catalog.CatalogFixtures.onSaleProduct;
import static io.liveloop.catalog.CatalogFixtures.openShop;
import static io.liveloop.catalog.CatalogFixtures.product;
import static io.liveloop.catalog.CatalogFixtures.sku;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProductResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private final UUID seller = UUID.randomUUID();
    private String shopId;

    @org.junit.jupiter.api.BeforeEach
    void openTheSellersShop() {
        shopId = openShop(seller);
    }

    @Test
    void createsADraftWithItsSkus() {
        as(seller, "SELLER").body(product(shopId, "夏季碎花连衣裙", List.of(sku("RED-M", 19900, 5), sku("RED-L", 20900, 0))))
                .post("/api/catalog/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/catalog/products/"))
                .body("id", notNullValue())
                .body("shopId", equalTo(shopId))
                .body("status", equalTo("DRAFT"))
                .body("qualityStatus", equalTo("PENDING"))
                .body("alliance", nullValue())
                .body("shipWithinHours", equalTo(24))
                .body("skus", hasSize(2))
                .body("skus.skuCode", hasItems("RED-M", "RED-L"))
                .body("skus.find { it.skuCode == 'RED-M' }.priceCents", equalTo(19900))
                .body("skus.find { it.skuCode == 'RED-M' }.available", equalTo(5))
                .body("skus.find { it.skuCode == 'RED-M' }.attributes.color", equalTo("red"))
                .body("createdAt", notNullValue());
    }

    @Test
    void shipWithinHoursDefaultsTo48() {
        Map<String, Object> body = new java.util.HashMap<>(product(shopId, "Plain tee", List.of(sku("A", 100, 1))));
        body.remove("shipWithinHours");
        as(seller, "SELLER").body(body).post("/api/catalog/products").then().statusCode(201).body("shipWithinHours", equalTo(48));
    }

    @Test
    void invalidProductsNameEachField() {
        as(seller, "SELLER").body(Map.of("shopId", shopId, "title", "", "shipWithinHours", 721,
                        "skus", List.of(Map.of("skuCode", "A", "priceCents", 0, "stock", -1))))
                .post("/api/catalog/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("title", "shipWithinHours", "skus[0].priceCents", "skus[0].stock"));
        as(seller, "SELLER").body(Map.of("shopId", shopId, "title", "No SKUs", "skus", List.of()))
                .post("/api/catalog/products")
                .then().statusCode(400).body("errors.field", hasItem("skus"));
        as(seller, "SELLER").body(product(shopId, "Twins", List.of(sku("A", 100, 1), sku("A", 200, 1))))
                .post("/api/catalog/products")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("skus[1].skuCode"));
    }

    @Test
    void outboundLinksInAnyVisibleTextAreRefusedWithTheirSpans() {
        Map<String, Object> body = Map.of("shopId", shopId, "title", "连衣裙 复制￥AbCd1234￥打开淘宝",
                "description", "Cheaper at www.jd.com", "skus",
                List.of(Map.of("skuCode", "A", "priceCents", 100, "stock", 1, "attributes", Map.of("note", "see bit.ly/3xYz"))));
        as(seller, "SELLER").body(body).post("/api/catalog/products")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/outbound-link"))
                .body("errors.field", hasItems("title", "description", "skus[0].attributes.note"))
                .body("violations.find { it.field == 'description' }.text", equalTo("www.jd.com"))
                .body("violations.find { it.field == 'description' }.start", equalTo(11))
                .body("violations.find { it.field == 'description' }.end", equalTo(21));
    }

    @Test
    void imagesMustBeOnTheMediaHost() {
        Map<String, Object> body = new java.util.HashMap<>(product(shopId, "Tee", List.of(sku("A", 100, 1))));
        body.put("imageUrls", List.of("https://media.liveloop.example/ok.jpg", "https://img.other-store.com/x.jpg"));
        as(seller, "SELLER").body(body).post("/api/catalog/products")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/outbound-link"))
                .body("errors[0].field", equalTo("imageUrls[1]"));
    }

    @Test
    void anotherSellersShopIsNotFound() {
        as(UUID.randomUUID(), "SELLER").body(product(shopId, "Intruder", List.of(sku("A", 100, 1))))
                .post("/api/catalog/products")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void publishingNeedsAPassedQualityCheck() {
        String id = as(seller, "SELLER").body(product(shopId, "Linen shirt", List.of(sku("A", 100, 1))))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");

        as(seller, "SELLER").post("/api/catalog/products/" + id + "/publish")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/quality-check-required"))
                .body("detail", containsString("PENDING"));

        as(seller, "SELLER").body(Map.of("result", "PASSED")).post("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(403);
        as(ADMIN, "ADMIN").body(Map.of("result", "FAILED", "notes", "stitching")).post("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(201).body("result", equalTo("FAILED")).body("inspectorId", equalTo(ADMIN.toString()));
        as(seller, "SELLER").post("/api/catalog/products/" + id + "/publish").then().statusCode(409);

        as(ADMIN, "ADMIN").body(Map.of("result", "PASSED", "notes", "fixed")).post("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(201);
        as(seller, "SELLER").post("/api/catalog/products/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("ON_SALE")).body("qualityStatus", equalTo("PASSED"));
        as(seller, "SELLER").post("/api/catalog/products/" + id + "/publish")
                .then().statusCode(409).body("type", equalTo("https://liveloop.example/problems/illegal-transition"));

        as(seller, "SELLER").get("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(200).body("", hasSize(2)).body("[0].notes", equalTo("fixed"));
    }

    @Test
    void qualityCheckResultIsValidated() {
        String id = onSaleProduct(seller, shopId, "Scarf", 1).getString("id");
        as(ADMIN, "ADMIN").body(Map.of("result", "MAYBE")).post("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aFailedLaterCheckDelistsTheProduct() {
        String id = onSaleProduct(seller, shopId, "Wool coat", 3).getString("id");
        as(ADMIN, "ADMIN").body(Map.of("result", "FAILED", "notes", "mislabelled")).post("/api/catalog/products/" + id + "/quality-checks")
                .then().statusCode(201);
        as(seller, "SELLER").get("/api/catalog/products/" + id)
                .then().statusCode(200).body("status", equalTo("OFF_SHELF")).body("qualityStatus", equalTo("FAILED"));
    }

    @Test
    void draftsAreVisibleOnlyToTheOwnerAndAdmins() {
        String id = as(seller, "SELLER").body(product(shopId, "Secret draft", List.of(sku("A", 100, 1))))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");
        as(seller, "SELLER").get("/api/catalog/products/" + id).then().statusCode(200);
        as(ADMIN, "ADMIN").get("/api/catalog/products/" + id).then().statusCode(200);
        as(UUID.randomUUID(), "BUYER").get("/api/catalog/products/" + id).then().statusCode(404).contentType(PROBLEM);
        as(UUID.randomUUID(), "SELLER").get("/api/catalog/products/" + id).then().statusCode(404);
    }

    @Test
    void ownerChangesTextsAndSkus() {
        var product = onSaleProduct(seller, shopId, "Canvas bag", 4);
        String id = product.getString("id");
        String skuId = product.getString("skus[0].id");
        as(seller, "SELLER").body(Map.of("title", "Canvas tote bag", "shipWithinHours", 12)).patch("/api/catalog/products/" + id)
                .then().statusCode(200).body("title", equalTo("Canvas tote bag")).body("shipWithinHours", equalTo(12))
                .body("description", containsString("cotton"));
        as(seller, "SELLER").body(Map.of("priceCents", 9900)).patch("/api/catalog/products/" + id + "/skus/" + skuId)
                .then().statusCode(200).body("skus.find { it.id == '" + skuId + "' }.priceCents", equalTo(9900));
        as(seller, "SELLER").body(sku("C", 5000, 2)).post("/api/catalog/products/" + id + "/skus")
                .then().statusCode(201).body("skus", hasSize(3));
        as(seller, "SELLER").body(sku("C", 5000, 2)).post("/api/catalog/products/" + id + "/skus")
                .then().statusCode(409).body("type", equalTo("https://liveloop.example/problems/duplicate-sku-code"));
        as(seller, "SELLER").body(Map.of("title", "Visit evil.com")).patch("/api/catalog/products/" + id)
                .then().statusCode(422);
        as(UUID.randomUUID(), "SELLER").body(Map.of("title", "Hijacked")).patch("/api/catalog/products/" + id)
                .then().statusCode(404);
    }

    @Test
    void delistAndItsIllegalMoves() {
        String id = onSaleProduct(seller, shopId, "Sun hat", 1).getString("id");
        as(seller, "SELLER").post("/api/catalog/products/" + id + "/delist").then().statusCode(200).body("status", equalTo("OFF_SHELF"));
        as(seller, "SELLER").post("/api/catalog/products/" + id + "/delist")
                .then().statusCode(409).body("type", equalTo("https://liveloop.example/problems/illegal-transition"))
                .body("currentState", equalTo("OFF_SHELF"));
    }

    @Test
    void searchFindsChineseAndEnglishTextByRelevanceAndHidesDrafts() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        onSaleProduct(seller, shopId, "夏季碎花连衣裙 " + tag, 5);
        onSaleProduct(seller, shopId, "Summer floral dress " + tag, 5);
        as(seller, "SELLER").body(product(shopId, "连衣裙 draft " + tag, List.of(sku("A", 100, 1))))
                .post("/api/catalog/products").then().statusCode(201);

        as(UUID.randomUUID(), "BUYER").queryParam("q", "连衣裙 " + tag).get("/api/catalog/products")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].title", equalTo("夏季碎花连衣裙 " + tag))
                .body("nextCursor", nullValue());
        as(UUID.randomUUID(), "BUYER").queryParam("q", "floral " + tag).get("/api/catalog/products")
                .then().statusCode(200).body("items.title", hasItem("Summer floral dress " + tag));
        as(seller, "SELLER").queryParam("q", tag).queryParam("shopId", shopId).get("/api/catalog/products")
                .then().statusCode(200).body("items", hasSize(3));
        as(UUID.randomUUID(), "BUYER").queryParam("q", tag).queryParam("status", "DRAFT").get("/api/catalog/products")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void listsArePagedWithACursor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            onSaleProduct(seller, shopId, "Paged item " + tag + " " + i, 1);
        }
        String cursor = as(seller, "SELLER").queryParam("q", tag).queryParam("limit", 2).get("/api/catalog/products")
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as(seller, "SELLER").queryParam("q", tag).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/catalog/products")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
        as(seller, "SELLER").queryParam("cursor", "garbage!").get("/api/catalog/products")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("https://liveloop.example/problems/invalid-page"));
        as(seller, "SELLER").queryParam("limit", 1000).get("/api/catalog/products").then().statusCode(400);
    }

    @Test
    void allianceListingForHosts() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String draft = as(seller, "SELLER").body(product(shopId, "Draft " + tag, List.of(sku("A", 100, 1))))
                .post("/api/catalog/products").then().statusCode(201).extract().path("id");
        as(seller, "SELLER").body(Map.of("commissionRateBps", 2000)).put("/api/catalog/products/" + draft + "/alliance")
                .then().statusCode(409).body("type", equalTo("https://liveloop.example/problems/not-on-sale"));

        String low = onSaleProduct(seller, shopId, "Alliance low " + tag, 5).getString("id");
        String high = onSaleProduct(seller, shopId, "Alliance high " + tag, 5).getString("id");
        as(seller, "SELLER").body(Map.of("commissionRateBps", 9001)).put("/api/catalog/products/" + low + "/alliance")
                .then().statusCode(400).body("errors[0].field", equalTo("commissionRateBps"));
        as(seller, "SELLER").body(Map.of("commissionRateBps", 500)).put("/api/catalog/products/" + low + "/alliance")
                .then().statusCode(200).body("alliance.commissionRateBps", equalTo(500));
        as(seller, "SELLER").body(Map.of("commissionRateBps", 2000)).put("/api/catalog/products/" + high + "/alliance")
                .then().statusCode(200);

        UUID host = UUID.randomUUID();
        as(host, "HOST").queryParam("q", tag).get("/api/catalog/alliance/products")
                .then().statusCode(200).body("items.id", equalTo(List.of(high, low)))
                .body("items.alliance.commissionRateBps", everyItem(greaterThanOrEqualTo(500)));
        as(host, "HOST").queryParam("q", tag).queryParam("minCommissionRateBps", 1000).get("/api/catalog/alliance/products")
                .then().statusCode(200).body("items.id", equalTo(List.of(high)));
        as(host, "HOST").queryParam("q", tag).queryParam("sort", "newest").get("/api/catalog/alliance/products")
                .then().statusCode(200).body("items.id", equalTo(List.of(high, low)));
        as(host, "HOST").queryParam("sort", "cheapest").get("/api/catalog/alliance/products").then().statusCode(400);
        as(UUID.randomUUID(), "BUYER").get("/api/catalog/alliance/products").then().statusCode(403);

        as(seller, "SELLER").delete("/api/catalog/products/" + high + "/alliance").then().statusCode(200).body("alliance", nullValue());
        as(host, "HOST").queryParam("q", tag).get("/api/catalog/alliance/products")
                .then().statusCode(200).body("items.id", not(hasItem(high)));
    }
}
