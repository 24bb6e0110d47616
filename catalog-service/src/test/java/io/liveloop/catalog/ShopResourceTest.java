package io.liveloop.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.liveloop.catalog.CatalogFixtures.as;
import static io.liveloop.catalog.CatalogFixtures.openShop;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ShopResourceTest {

    private final UUID seller = UUID.randomUUID();

    @Test
    void sellerOpensAShopThatAnyoneSignedInCanRead() {
        var created = as(seller, "SELLER").body(Map.of("name", "夏日小铺", "description", "Summer dresses"))
                .post("/api/catalog/shops")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("name", equalTo("夏日小铺"))
                .body("ownerId", equalTo(seller.toString()))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/catalog/shops/" + id));

        as(UUID.randomUUID(), "BUYER").get("/api/catalog/shops/" + id).then().statusCode(200).body("name", equalTo("夏日小铺"));
    }

    @Test
    void onlySellersOpenShops() {
        as(UUID.randomUUID(), "BUYER").body(Map.of("name", "x")).post("/api/catalog/shops")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://liveloop.example/problems/forbidden"));
    }

    @Test
    void withoutATokenIsA401Problem() {
        given().contentType("application/json").body(Map.of("name", "x")).post("/api/catalog/shops")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://liveloop.example/problems/unauthorized"));
    }

    @Test
    void aForgedTokenIsA401Problem() {
        String forged = io.liveloop.platform.testing.TestTokens.token(seller, "SELLER",
                io.liveloop.platform.testing.TestTokens.ISSUER, java.time.Instant.now().plusSeconds(600),
                io.liveloop.platform.testing.TestTokens.foreignKey());
        given().contentType("application/json").header("Authorization", "Bearer " + forged).body(Map.of("name", "x"))
                .post("/api/catalog/shops")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shopFieldsAreValidated() {
        as(seller, "SELLER").body(Map.of("name", " ")).post("/api/catalog/shops")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
    }

    @Test
    void aShopNameWithAnOutboundLinkIsRefused() {
        as(seller, "SELLER").body(Map.of("name", "Best deals at shop.taobao.com")).post("/api/catalog/shops")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://liveloop.example/problems/outbound-link"))
                .body("errors[0].field", equalTo("name"))
                .body("violations[0].text", containsString("taobao.com"));
    }

    @Test
    void unknownShopIs404() {
        as(seller, "SELLER").get("/api/catalog/shops/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://liveloop.example/problems/not-found"));
    }

    @Test
    void ownerAuthorisesAndWithdrawsHosts() {
        String shopId = openShop(seller);
        UUID host = UUID.randomUUID();
        as(seller, "SELLER").body(Map.of("hostId", host)).post("/api/catalog/shops/" + shopId + "/hosts")
                .then().statusCode(201).body("hostId", equalTo(host.toString()));
        as(UUID.randomUUID(), "HOST").get("/api/catalog/shops/" + shopId + "/hosts")
                .then().statusCode(200).body("hostId", hasItem(host.toString()));

        as(seller, "SELLER").delete("/api/catalog/shops/" + shopId + "/hosts/" + host).then().statusCode(204);
        as(seller, "SELLER").get("/api/catalog/shops/" + shopId + "/hosts")
                .then().statusCode(200).body("hostId", not(hasItem(host.toString())));
        as(seller, "SELLER").delete("/api/catalog/shops/" + shopId + "/hosts/" + host).then().statusCode(404);
    }

    @Test
    void anotherSellerCannotAuthoriseHostsForMyShop() {
        String shopId = openShop(seller);
        as(UUID.randomUUID(), "SELLER").body(Map.of("hostId", UUID.randomUUID())).post("/api/catalog/shops/" + shopId + "/hosts")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
