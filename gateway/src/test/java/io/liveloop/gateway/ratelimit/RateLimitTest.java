package io.liveloop.gateway.ratelimit;

import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RateLimitTest {

    Upstreams upstreams;

    @BeforeEach
    void reset() {
        upstreams.resetAll();
        upstreams.order().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    @Test
    void placingOrdersIsLimitedPerUserWithRetryAfterThenRecovers() throws InterruptedException {
        String buyer = TestTokens.bearer(UUID.randomUUID(), "BUYER");
        Response limited = null;
        int accepted = 0;
        // burst 20, 10/s: sent back to back, the burst passes, then a 429 as soon as the refill falls behind
        for (int i = 0; i < 200 && limited == null; i++) {
            Response response = given().header("Authorization", buyer).contentType("application/json").body("{}")
                    .post("/api/orders");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(201);
                accepted++;
            }
        }
        assertThat(limited).as("a 429 within 200 quick orders").isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(20);
        assertProblem(limited, 429, "rate-limited", "/api/orders");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);

        // Another user is not affected, nor are this user's reads (a separate, larger bucket)
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), "BUYER")).contentType("application/json")
                .body("{}").post("/api/orders").then().statusCode(201);
        given().header("Authorization", buyer).get("/api/orders").then().statusCode(201);

        Thread.sleep(retryAfter * 1000);
        given().header("Authorization", buyer).contentType("application/json").body("{}").post("/api/orders")
                .then().statusCode(201);
        // payments share the order-writes bucket
        given().header("Authorization", buyer).contentType("application/json").body("{}").post("/api/orders/o1/payments")
                .then().statusCode(201);
    }

    @Test
    void signInAndWebhooksAreLimitedPerClientAddress() throws InterruptedException {
        upstreams.fulfillment().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        // test buckets: 5 a second, bursts of 5 (UpstreamServers)
        Response signIn = firstLimited(() -> given().contentType("application/json")
                .body("{\"username\":\"carol\",\"role\":\"HOST\"}").post("/api/auth/token"), 200);
        assertProblem(signIn, 429, "rate-limited", "/api/auth/token");
        assertThat(signIn.header("Retry-After")).isEqualTo("1");

        Response webhook = firstLimited(() -> given().contentType("application/json").body("{}")
                .post("/webhooks/logistics/p1"), 204);
        assertProblem(webhook, 429, "rate-limited", "/webhooks/logistics/p1");

        Thread.sleep(1_100); // leave full buckets for the other tests
        given().contentType("application/json").body("{\"username\":\"carol\",\"role\":\"HOST\"}")
                .post("/api/auth/token").then().statusCode(200);
        Thread.sleep(1_100);
    }

    private static Response firstLimited(java.util.function.Supplier<Response> request, int okStatus) {
        for (int i = 0; i < 100; i++) {
            Response response = request.get();
            if (response.statusCode() == 429) {
                assertThat(i).as("requests accepted before the first 429").isGreaterThanOrEqualTo(5);
                return response;
            }
            assertThat(response.statusCode()).isEqualTo(okStatus);
        }
        throw new AssertionError("no 429 within 100 requests");
    }
}
