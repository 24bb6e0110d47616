package io.liveloop.gateway.proxy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class UpstreamFailureTest {

    private static final String BUYER = TestTokens.bearer(UUID.randomUUID(), "BUYER");

    Upstreams upstreams;

    @BeforeEach
    void reset() {
        upstreams.resetAll();
    }

    @Test
    void anUpstreamThatDropsTheConnectionBeforeAnsweringIsABadGatewayProblem() {
        for (Fault fault : new Fault[] {Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE}) {
            upstreams.order().stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
            Response response = given().header("Authorization", BUYER).header("X-Request-Id", "bad-gw-" + fault.ordinal())
                    .get("/api/orders/o1");
            String detail = assertProblem(response, 502, "bad-gateway", "/api/orders/o1");
            assertThat(detail).as(fault.name()).contains("order-service");
            assertThat(response.jsonPath().getString("requestId")).isEqualTo("bad-gw-" + fault.ordinal());
        }
    }

    @Test
    void anUpstreamSlowerThanItsRouteTimeoutIsAGatewayTimeoutProblemInTime() {
        // fulfillment's route times out after 1 s (liveloop.gateway.route-timeouts.fulfillment in the test resource)
        upstreams.fulfillment().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        long started = System.nanoTime();
        Response response = given().header("Authorization", BUYER).get("/api/fulfillment/shipments");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String detail = assertProblem(response, 504, "gateway-timeout", "/api/fulfillment/shipments");
        assertThat(detail).contains("fulfillment-service");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_900));
    }

    @Test
    void timeoutsArePerRoute() {
        // The same delay is fine on catalog, whose route keeps the 5 s default.
        upstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slow\":true}").withFixedDelay(1_500)));
        given().header("Authorization", BUYER).get("/api/catalog/products").then().statusCode(200);
    }

    @Test
    void upstreamProblemsPassThroughUnchanged() {
        upstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://liveloop.example/problems/illegal-transition\",\"title\":\"Illegal state transition\",\"status\":409}")));
        given().header("Authorization", BUYER).post("/api/catalog/products/p1/publish").then().statusCode(409)
                .contentType("application/problem+json");
    }
}
