package io.liveloop.order;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.catalog;
import static io.liveloop.order.OrderFixtures.orderBody;
import static io.liveloop.order.OrderFixtures.placeOrder;
import static io.liveloop.order.OrderFixtures.stubReservation;
import static org.assertj.core.api.Assertions.assertThat;

/** Placements beyond the bulkhead's limit wait their turn; beyond its queue they are told to come back. */
@QuarkusTest
@TestProfile(OrderPlacementBulkheadTest.TwoAtATime.class)
class OrderPlacementBulkheadTest {

    public static class TwoAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("io.liveloop.order.service.OrderService/place/Bulkhead/value", "2",
                    "io.liveloop.order.service.OrderService/place/Bulkhead/waitingTaskQueue", "2");
        }
    }

    @Test
    void placementsWaitTheirTurnAndOneTooManyIsAskedToRetry() throws Exception {
        Sku sku = Sku.of(UUID.randomUUID(), 1500);
        Duration catalogTakes = Duration.ofSeconds(1);
        stubReservation(Map.of(sku, 1), List.of(), catalogTakes);
        List<UUID> buyers = Stream.generate(UUID::randomUUID).limit(5).toList();
        List<String> keys = buyers.stream().map(b -> UUID.randomUUID().toString()).toList();
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);

        List<Response> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(buyers.size());
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < buyers.size(); i++) {
                UUID buyer = buyers.get(i);
                String key = keys.get(i);
                pending.add(clients.submit(() -> placeOrder(buyer, key, body)));
            }
            for (Future<Response> answer : pending) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }

        // Two placing, two waiting: four orders; the fifth found the queue full and was told to come back.
        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(4);
        List<Response> refused = answers.stream().filter(r -> r.statusCode() != 201).toList();
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.jsonPath().getString("type")).isEqualTo(PROBLEMS + "service-unavailable");
            assertThat(r.header("Retry-After")).isEqualTo("1");
        });
        // The ones that waited reached catalog only once the first two had their answer.
        List<LoggedRequest> reservations = catalog().find(postRequestedFor(urlEqualTo("/internal/reservations"))
                        .withRequestBody(matchingJsonPath("$.items[?(@.skuId == '" + sku.skuId() + "')]"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(reservations).hasSize(4);
        long firstToThird = reservations.get(2).getLoggedDate().getTime() - reservations.get(0).getLoggedDate().getTime();
        assertThat(firstToThird).as("ms between the first and the third reservation asked of catalog")
                .isGreaterThanOrEqualTo(catalogTakes.toMillis() - 100);

        // Nothing of the refused request was kept: the same key places the order now.
        int refusedAt = answers.indexOf(refused.get(0));
        placeOrder(buyers.get(refusedAt), keys.get(refusedAt), body).then().statusCode(201);
    }
}
