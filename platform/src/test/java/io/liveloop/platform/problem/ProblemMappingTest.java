package io.liveloop.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ProblemMappingTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void beanValidationListsEachFieldWithItsMessage() {
        given().contentType(ContentType.JSON)
                .body("{\"buyerNote\":\"\",\"items\":[{\"skuId\":\"a\",\"quantity\":1},{\"quantity\":120}]}")
                .post("/test/problems/orders")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/validation-failed"))
                .body("title", equalTo("Request is not valid"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/test/problems/orders"))
                .body("detail", containsString("items[1].quantity"))
                .body("errors.field", hasItems("buyerNote", "items[1].skuId", "items[1].quantity"))
                .body("errors.find { it.field == 'items[1].quantity' }.message", containsString("99"))
                .body("requestId", notNullValue());
    }

    @Test
    void invalidQueryParameterIsNamed() {
        given().queryParam("limit", 0).get("/test/problems/search")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void domainProblemKeepsItsTypeDetailAndExtensions() {
        given().get("/test/problems/conflict")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/out-of-stock"))
                .body("title", equalTo("Out of stock"))
                .body("detail", equalTo("SKU 42 has 0 available, 3 requested"))
                .body("shortSkus[0].skuId", equalTo("42"));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"buyerNote\": \"x\", \"items\": [")
                .post("/test/problems/orders")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/malformed-request"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void wrongValueTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"buyerNote\":\"x\",\"items\":[{\"skuId\":\"a\",\"quantity\":\"many\"}]}")
                .post("/test/problems/orders")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/malformed-request"))
                .body("errors[0].field", equalTo("items[0].quantity"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("hello")
                .post("/test/problems/orders")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/unsupported-media-type"))
                .body("detail", containsString("application/json"));
    }

    @Test
    void unknownRouteIs404() {
        given().get("/no/such/thing")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found"))
                .body("detail", containsString("/no/such/thing"))
                .body("requestId", notNullValue());
    }

    @Test
    void wrongMethodIs405() {
        given().delete("/test/problems/conflict")
                .then().statusCode(405).contentType(PROBLEM)
                .body("detail", equalTo("Method DELETE is not allowed on /test/problems/conflict"))
                .body("type", equalTo("https://liveloop.example/problems/method-not-allowed"));
    }

    @Test
    void unexpectedErrorIs500WithoutInternals() {
        given().get("/test/problems/bug")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/internal-error"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")))
                .body("detail", containsString("request id"));
    }

    @Test
    void anUnavailableDatabaseIs503WithRetryAfter() {
        given().get("/test/problems/database-down")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "1")
                .body("type", equalTo("https://liveloop.example/problems/service-unavailable"))
                .body(not(containsString("acquisition")));
    }

    @Test
    void wellFormedRequestIdIsKeptAndEchoed() {
        given().header("X-Request-Id", "req-123.abc").get("/test/problems/conflict")
                .then().statusCode(409)
                .header("X-Request-Id", equalTo("req-123.abc"))
                .body("requestId", equalTo("req-123.abc"));
    }

    @Test
    void malformedRequestIdIsReplaced() {
        given().header("X-Request-Id", "bad id <script>").get("/test/problems/conflict")
                .then().statusCode(409)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }
}
