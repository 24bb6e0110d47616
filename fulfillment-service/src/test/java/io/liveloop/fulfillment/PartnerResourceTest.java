package io.liveloop.fulfillment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.PROBLEM;
import static io.liveloop.fulfillment.FulfillmentFixtures.as;
import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static io.liveloop.fulfillment.FulfillmentFixtures.catalogShop;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PartnerResourceTest {

    @Test
    void theSigningSecretIsShownOnceAtCreation() {
        String id = asAdmin().body(Map.of("name", "顺丰速运", "webhookUrl", "https://partner.example/hooks"))
                .post("/api/fulfillment/partners")
                .then().statusCode(201)
                .header("Location", containsString("/api/fulfillment/partners/"))
                .body("name", equalTo("顺丰速运"))
                .body("webhookUrl", equalTo("https://partner.example/hooks"))
                .body("default", equalTo(false))
                .body("signingSecret", startsWith("whsec_"))
                .body("createdAt", notNullValue())
                .extract().path("id");
        asAdmin().get("/api/fulfillment/partners/" + id).then().statusCode(200)
                .body("name", equalTo("顺丰速运")).body("enabled", equalTo(true)).body("$", not(hasKey("signingSecret")));
        asAdmin().get("/api/fulfillment/partners").then().statusCode(200)
                .body("id", hasItem(id)).body("[0]", not(hasKey("signingSecret")));
    }

    @Test
    void invalidPartnersAreProblemsNamingTheField() {
        asAdmin().body(Map.of("name", "", "webhookUrl", "https://partner.example/hooks")).post("/api/fulfillment/partners")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/validation-failed"))
                .body("errors[0].field", equalTo("name"));
        for (String url : new String[] {"ftp://partner.example/hooks", "partner.example/hooks", "https://user:pw@partner.example/"}) {
            asAdmin().body(Map.of("name", "X", "webhookUrl", url)).post("/api/fulfillment/partners")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("https://liveloop.example/problems/validation-failed"))
                    .body("status", equalTo(400))
                    .body("errors[0].field", equalTo("webhookUrl"))
                    .body("detail", containsString("http(s)"));
        }
        asAdmin().body("{\"name\":").post("/api/fulfillment/partners")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/malformed-request"));
    }

    @Test
    void onlyAdminsManagePartners() {
        as(UUID.randomUUID(), "SELLER").body(Map.of("name", "X", "webhookUrl", "https://p.example/"))
                .post("/api/fulfillment/partners").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/forbidden"));
        given().get("/api/fulfillment/partners").then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/unauthorized"));
        asAdmin().get("/api/fulfillment/partners/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found"))
                .body("detail", containsString("partner"));
    }

    @Test
    void oneDefaultPartnerAtATimeAndPartnersCanBeDisabled() {
        String first = asAdmin().body(Map.of("name", "A", "webhookUrl", "https://a.example/", "default", true))
                .post("/api/fulfillment/partners").then().statusCode(201).body("default", equalTo(true)).extract().path("id");
        String second = asAdmin().body(Map.of("name", "B", "webhookUrl", "https://b.example/"))
                .post("/api/fulfillment/partners").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("default", true)).patch("/api/fulfillment/partners/" + second)
                .then().statusCode(200).body("default", equalTo(true));
        asAdmin().get("/api/fulfillment/partners/" + first).then().body("default", equalTo(false));

        asAdmin().body(Map.of("enabled", false, "webhookUrl", "https://b2.example/hooks")).patch("/api/fulfillment/partners/" + second)
                .then().statusCode(200).body("enabled", equalTo(false)).body("disabledReason", equalTo("disabled by an admin"))
                .body("webhookUrl", equalTo("https://b2.example/hooks"));
        asAdmin().body(Map.of("enabled", true)).patch("/api/fulfillment/partners/" + second)
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue());
        asAdmin().body(Map.of("webhookUrl", "mailto:x@b.example")).patch("/api/fulfillment/partners/" + second)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("webhookUrl"));
    }

    @Test
    void rotationGivesANewSecretAndKeepsTheOldOneForADay() {
        var partner = partner(uniquePath());
        var rotated = asAdmin().post("/api/fulfillment/partners/" + partner.id() + "/rotate-secret")
                .then().statusCode(200).body("signingSecret", startsWith("whsec_"))
                .body("previousSecretExpiresAt", notNullValue()).extract().jsonPath();
        assertThat(rotated.getString("signingSecret")).isNotEqualTo(partner.secret());
        java.time.Instant expires = java.time.Instant.parse(rotated.getString("previousSecretExpiresAt"));
        assertThat(expires).isBetween(java.time.Instant.now().plusSeconds(86_300), java.time.Instant.now().plusSeconds(86_500));
        asAdmin().post("/api/fulfillment/partners/" + UUID.randomUUID() + "/rotate-secret").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void theShopsOwnerOrAnAdminPicksItsPartnerAsCatalogKnowsIt() {
        var partner = partner(uniquePath());
        UUID owner = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        catalogShop(shop, owner);

        as(owner, "SELLER").body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(200).body("shopId", equalTo(shop.toString())).body("partnerId", equalTo(partner.id()))
                .body("assignedBy", equalTo(owner.toString()));
        // the caller's own token went to catalog
        var request = WireMockServers.server().findAll(getRequestedFor(urlEqualTo("/api/catalog/shops/" + shop))).get(0);
        assertThat(request.getHeader("Authorization")).startsWith("Bearer ");
        asAdmin().body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(200).body("assignedBy", equalTo(FulfillmentFixtures.ADMIN.toString()));

        as(UUID.randomUUID(), "SELLER").body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found")).body("detail", containsString(shop.toString()));
        as(UUID.randomUUID(), "BUYER").body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(403).contentType(PROBLEM);
        as(owner, "SELLER").body(Map.of("partnerId", UUID.randomUUID())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/unknown-partner"));
        as(owner, "SELLER").body(Map.of()).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("partnerId"));

        UUID unknownShop = UUID.randomUUID();
        WireMockServers.server().stubFor(get(urlEqualTo("/api/catalog/shops/" + unknownShop))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://liveloop.example/problems/not-found\",\"status\":404}")));
        asAdmin().body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + unknownShop + "/partner")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void catalogBeingDownIsA503ProblemNotAGuess() {
        var partner = partner(uniquePath());
        UUID shop = UUID.randomUUID();
        WireMockServers.server().stubFor(get(urlEqualTo("/api/catalog/shops/" + shop))
                .willReturn(aResponse().withStatus(500)));
        as(UUID.randomUUID(), "SELLER").body(Map.of("partnerId", partner.id())).put("/api/fulfillment/shops/" + shop + "/partner")
                .then().statusCode(503).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/catalog-unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString(shop.toString()));
        // retried before giving up
        assertThat(WireMockServers.server().findAll(getRequestedFor(urlEqualTo("/api/catalog/shops/" + shop)))).hasSize(3);
    }
}
