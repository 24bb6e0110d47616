package io.liveloop.gateway.proxy;

import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * More requests at once than pooled connections to a service (a flash sale's buyers): the ones without a connection
 * wait their turn within their route's timeout, and are not answered 504 once the TCP connect timeout has passed.
 */
@QuarkusTest
@TestProfile(PooledConnectionWaitTest.OneConnection.class)
class PooledConnectionWaitTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // catalog's route keeps the 5 s timeout of the test resource
            return Map.of("liveloop.gateway.max-connections-per-service", "1",
                    "liveloop.gateway.connect-timeout", "200ms");
        }
    }

    Upstreams upstreams;

    @Test
    void requestsWaitingForAPooledConnectionAreServedWithinTheirRouteTimeout() {
        upstreams.catalog().resetAll();
        upstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[]}").withFixedDelay(400)));
        String buyer = TestTokens.bearer(UUID.randomUUID(), "BUYER");

        // One connection, 400 ms per answer: the last of four waits ~1.2 s for the connection, six times the connect timeout.
        List<CompletableFuture<Response>> calls = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                given().header("Authorization", buyer).get("/api/catalog/products"))).toList();

        assertThat(calls.stream().map(CompletableFuture::join).map(Response::statusCode)).containsOnly(200);
    }
}
