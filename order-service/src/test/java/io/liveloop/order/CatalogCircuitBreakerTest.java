package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.catalog;
import static io.liveloop.order.OrderFixtures.orderBody;
import static io.liveloop.order.OrderFixtures.placeOrder;
import static io.liveloop.order.OrderFixtures.stubReservation;
import static org.hamcrest.Matchers.equalTo;

/**
 * The catalog client's circuit breaker opens on what says catalog is in trouble (5xx answers), not on slow answers:
 * measured here, slowness includes this service's own delay in reading them. A small breaker window and a short
 * timeout make both visible in a few calls.
 */
@QuarkusTest
@TestProfile(CatalogCircuitBreakerTest.TouchyBreaker.class)
class CatalogCircuitBreakerTest {

    private static final String RESERVE = "io.liveloop.order.client.CatalogClient/reserve/";

    public static class TouchyBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(RESERVE + "Timeout/value", "300", RESERVE + "Timeout/unit", "MILLIS",
                    RESERVE + "CircuitBreaker/requestVolumeThreshold", "2");
        }
    }

    private final UUID shop = UUID.randomUUID();

    @Test
    void slowAnswersFailTheirOrdersButDoNotOpenTheBreakerWhileErrorsDo() {
        Sku slow = Sku.of(shop, 100);
        stubReservation(Map.of(slow, 1), List.of(), Duration.ofMillis(1000));
        for (int i = 0; i < 3; i++) {
            placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(slow, 1), null))
                    .then().statusCode(503).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"));
        }
        Sku fast = Sku.of(shop, 200);
        stubReservation(Map.of(fast, 1), List.of());
        // Three timeouts in a window of two: the breaker is still closed, so catalog is asked and reserves.
        placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(fast, 1), null)).then().statusCode(201);

        Sku failing = Sku.of(shop, 300);
        catalog().register(post(urlEqualTo("/internal/reservations"))
                .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + failing.skuId() + "')]"))
                .willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(failing, 1), null))
                    .then().statusCode(503).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"));
        }
        // Catalog answered 5xx: now the breaker is open, and even the SKU catalog would reserve is refused at once.
        placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), orderBody(Map.of(fast, 1), null))
                .then().statusCode(503).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "catalog-unavailable"));
    }
}
