package io.liveloop.gateway.proxy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.liveloop.platform.webhooks.WebhookVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class RoutingTest {

    private static final String BUYER = TestTokens.bearer(UUID.randomUUID(), "BUYER");

    Upstreams upstreams;

    @BeforeEach
    void answerEverything() {
        upstreams.resetAll();
        for (WireMockServer server : List.of(upstreams.catalog(), upstreams.order(), upstreams.fulfillment())) {
            String name = server == upstreams.catalog() ? "catalog" : server == upstreams.order() ? "order" : "fulfillment";
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Service", name)
                    .withBody("{\"service\":\"" + name + "\"}")));
        }
    }

    @Test
    void eachApiPrefixReachesItsServiceWithPathQueryMethodAndBodyUnchanged() {
        Map<String, WireMockServer> routes = Map.of(
                "/api/catalog/products?q=%E8%BF%9E%E8%A1%A3%E8%A3%99&limit=5", upstreams.catalog(),
                "/api/orders/1b4e28ba-2fa1-11d2-883f-0016d3cca427/cancel", upstreams.order(),
                "/api/fulfillment/shipments?orderId=42", upstreams.fulfillment());
        routes.forEach((uri, server) -> {
            given().urlEncodingEnabled(false).header("Authorization", BUYER).contentType("application/json").body("{\"a\": 1}")
                    .post(uri).then().statusCode(200).header("X-Service", server == upstreams.catalog() ? "catalog"
                            : server == upstreams.order() ? "order" : "fulfillment");
            LoggedRequest received = single(server);
            assertThat(received.getUrl()).isEqualTo(uri);
            assertThat(received.getMethod().getName()).isEqualTo("POST");
            assertThat(received.getBodyAsString()).isEqualTo("{\"a\": 1}");
            assertThat(received.getHeader("Authorization")).isEqualTo(BUYER);
        });

        given().header("Authorization", BUYER).get("/api/orders").then().statusCode(200).header("X-Service", "order");
        given().header("Authorization", BUYER).put("/api/catalog/skus/s1/stock").then().statusCode(200).header("X-Service", "catalog");
        given().header("Authorization", BUYER).delete("/api/fulfillment/shops/x/partner").then().statusCode(200)
                .header("X-Service", "fulfillment");

        Response live = given().header("Authorization", BUYER).get("/api/live/sessions?status=LIVE");
        live.then().statusCode(200);
        assertThat(live.jsonPath().getString("service")).isEqualTo("livestream");
        assertThat(live.jsonPath().getString("uri")).isEqualTo("/api/live/sessions?status=LIVE");
        assertThat(live.jsonPath().getString("authorization")).isEqualTo(BUYER);
    }

    @Test
    void webhooksNeedNoTokenAndArriveByteForByteSoTheirSignatureVerifies() {
        WebhookSecret secret = WebhookSecret.generate();
        // Odd spacing, key order and non-ASCII: any re-serialisation on the way would break the signature.
        byte[] body = "{ \"type\":\"payment.succeeded\",  \"amount\": 1999,\n\"note\":\"已支付 ✓\" }"
                .getBytes(StandardCharsets.UTF_8);
        for (var target : Map.of("/webhooks/payments/mockpay", upstreams.order(),
                "/webhooks/logistics/3f1c0a4e-9d7b-4c53-a1a2-5e0f0c1d2b3a", upstreams.fulfillment()).entrySet()) {
            SignedHeaders signed = new WebhookSigner(Clock.systemUTC()).sign(WebhookSigner.newMessageId(), body, List.of(secret));
            given().headers(signed.asMap()).contentType("application/json").body(body)
                    .post(target.getKey()).then().statusCode(200);

            LoggedRequest received = single(target.getValue());
            assertThat(received.getUrl()).isEqualTo(target.getKey());
            assertThat(received.getBody()).isEqualTo(body);
            new WebhookVerifier(Clock.systemUTC()).verify(Map.of(
                    SignedHeaders.ID, received.getHeader(SignedHeaders.ID),
                    SignedHeaders.TIMESTAMP, received.getHeader(SignedHeaders.TIMESTAMP),
                    SignedHeaders.SIGNATURE, received.getHeader(SignedHeaders.SIGNATURE)), received.getBody(), List.of(secret));
        }
    }

    @Test
    void requestIdIsPassedOnAndReturnedOnceAndTraceparentPropagates() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response response = given().header("Authorization", BUYER).header("X-Request-Id", "client-req-42")
                .header("traceparent", traceparent).get("/api/catalog/products");
        response.then().statusCode(200);
        assertThat(response.headers().getValues("X-Request-Id")).containsExactly("client-req-42");
        LoggedRequest received = single(upstreams.catalog());
        assertThat(received.getHeader("X-Request-Id")).isEqualTo("client-req-42");
        assertThat(received.getHeader("traceparent")).isEqualTo(traceparent);

        // A malformed id is replaced; the service sees the same new id the client gets back.
        upstreams.catalog().resetRequests();
        Response generated = given().header("Authorization", BUYER).header("X-Request-Id", "bad id<script>")
                .get("/api/catalog/products");
        String id = generated.header("X-Request-Id");
        assertThat(id).isNotEqualTo("bad id<script>").matches("[0-9a-f-]{36}");
        assertThat(single(upstreams.catalog()).getHeader("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void internalAndUnknownPathsAreNotFoundProblemsAndNeverReachAService() {
        assertProblem(given().header("Authorization", BUYER).get("/internal/products/1"), 404, "not-found", "/internal/products/1");
        assertProblem(given().header("Authorization", BUYER).post("/internal/reservations"), 404, "not-found", "/internal/reservations");
        assertProblem(given().header("Authorization", BUYER).get("/api/nothing-here"), 404, "not-found", "/api/nothing-here");
        assertProblem(given().header("Authorization", BUYER).get("/api/catalogue"), 404, "not-found", "/api/catalogue");
        for (WireMockServer server : List.of(upstreams.catalog(), upstreams.order(), upstreams.fulfillment())) {
            server.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    @Test
    void pathsWithDotSegmentsAreRefusedRatherThanPassedOn() {
        Response response = given().header("Authorization", BUYER).urlEncodingEnabled(false)
                .get("/api/catalog/%2e%2e/%2e%2e/internal/products/1");
        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        upstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsAllowsConfiguredOriginsAndExposesTheRequestId() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/orders")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"));

        Response actual = given().header("Origin", "http://localhost:3000").header("Authorization", BUYER)
                .get("/api/catalog/products");
        actual.then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
        assertThat(actual.header("Access-Control-Expose-Headers")).containsIgnoringCase("X-Request-Id");
        assertThat(actual.headers().getValues("Access-Control-Allow-Origin")).hasSize(1);

        Response foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/orders");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    private static LoggedRequest single(WireMockServer server) {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        server.resetRequests();
        return requests.get(0);
    }
}
