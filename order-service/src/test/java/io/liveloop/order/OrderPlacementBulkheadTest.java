package io.liveloop.order;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.liveloop.platform.testing.TestTokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

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
import static io.liveloop.order.OrderFixtures.reservationsAskedFor;
import static io.liveloop.order.OrderFixtures.stubReservation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placements beyond the bulkhead's limit wait their turn; beyond its queue they are told to come back; one whose
 * client left while it waited is dropped.
 */
@QuarkusTest
@TestProfile(OrderPlacementBulkheadTest.TwoAtATime.class)
class OrderPlacementBulkheadTest {

    private final DataSource db;

    OrderPlacementBulkheadTest(DataSource db) {
        this.db = db;
    }

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

    @Test
    void aPlacementWhoseClientLeftWhileItWaitedIsNotPlaced() throws Exception {
        Sku sku = Sku.of(UUID.randomUUID(), 1500);
        stubReservation(Map.of(sku, 1), List.of(), Duration.ofSeconds(1));
        Map<String, Object> body = orderBody(Map.of(sku, 1), null);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        UUID leaver = UUID.randomUUID();
        try {
            List<Future<Response>> placing = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                placing.add(clients.submit(() -> placeOrder(UUID.randomUUID(), UUID.randomUUID().toString(), body)));
            }
            awaitReservationsAskedFor(sku, 2);
            // Both places taken: a third buyer's request waits its turn, and its client gives up meanwhile.
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                byte[] json = OrderFixtures.json(body).getBytes(StandardCharsets.UTF_8);
                String head = "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + TestTokens.bearer(leaver, "BUYER") + "\r\nIdempotency-Key: leaving\r\n"
                        + "Content-Length: " + json.length + "\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(json);
                out.flush();
                Thread.sleep(300);
            }
            for (Future<Response> answer : placing) {
                assertThat(answer.get().statusCode()).isEqualTo(201);
            }
            Thread.sleep(1500); // the leaver's turn has come and gone

            // Catalog was asked only for the two buyers who stayed; the leaver's key was never claimed.
            assertThat(reservationsAskedFor(sku)).hasSize(2);
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select count(*) from idempotency_key where owner_id = ?")) {
                s.setObject(1, leaver);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getInt(1)).isZero();
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitReservationsAskedFor(Sku sku, int count) throws InterruptedException {
        for (int i = 0; i < 500 && reservationsAskedFor(sku).size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(reservationsAskedFor(sku)).hasSize(count);
    }
}
