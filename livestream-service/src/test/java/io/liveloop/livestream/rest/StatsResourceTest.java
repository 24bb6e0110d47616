package io.liveloop.livestream.rest;

import io.liveloop.livestream.LiveFixtures.CatalogProductView;
import io.liveloop.livestream.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.livestream.LiveFixtures.PROBLEM;
import static io.liveloop.livestream.LiveFixtures.PROBLEMS;
import static io.liveloop.livestream.LiveFixtures.as;
import static io.liveloop.livestream.LiveFixtures.await;
import static io.liveloop.livestream.LiveFixtures.liveSession;
import static io.liveloop.livestream.LiveFixtures.orderEvent;
import static io.liveloop.livestream.LiveFixtures.pin;
import static io.liveloop.livestream.LiveFixtures.pinnableProduct;
import static io.liveloop.livestream.LiveFixtures.publishOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class StatsResourceTest {

    @TestHTTPResource("/")
    URI baseUri;

    private final UUID host = UUID.randomUUID();

    @Test
    void statsCountViewersClicksAndOrdersOnceWithRefundsAndCancellationsTakenBack() throws Exception {
        String sessionId = liveSession(host);
        CatalogProductView a = pinnableProduct(host);
        CatalogProductView b = pinnableProduct(host);
        pin(host, sessionId, a);
        pin(host, sessionId, b);

        UUID viewer = UUID.randomUUID();
        try (SseClient one = SseClient.connect(baseUri, sessionId, viewer, null);
             SseClient again = SseClient.connect(baseUri, sessionId, viewer, null);
             SseClient other = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
            assertThat(List.of(one.next().name(), again.next().name(), other.next().name())).containsOnly("snapshot");
        }

        for (int i = 0; i < 3; i++) {
            as(viewer, "BUYER").body(Map.of("productId", a.id)).post("/api/live/sessions/" + sessionId + "/clicks").then().statusCode(202);
        }
        as(viewer, "BUYER").body(Map.of("productId", b.id)).post("/api/live/sessions/" + sessionId + "/clicks").then().statusCode(202);

        UUID paid = UUID.randomUUID();
        UUID refunded = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        Object[] twoOfA = {a.id, a.skuA, 2, 15900};
        Object[] oneOfB = {b.id, b.skuB, 1, 20000};
        String paidEvent = orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", paid, sessionId, 3000, twoOfA);
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.placed", paid, sessionId, 3000, twoOfA));
        publishOrder(paidEvent);
        publishOrder(paidEvent); // redelivered
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", paid, sessionId, 3000, twoOfA)); // distinct, same fact
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.completed", paid, sessionId, 3000, twoOfA));
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.placed", refunded, sessionId, 0, oneOfB));
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", refunded, sessionId, 0, oneOfB));
        String refundEvent = orderEvent(UUID.randomUUID().toString(), "liveloop.order.refunded", refunded, sessionId, 0, oneOfB);
        publishOrder(refundEvent);
        publishOrder(refundEvent);
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.placed", cancelled, sessionId, 0, oneOfB));
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.cancelled", cancelled, sessionId, 0, oneOfB));
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", UUID.randomUUID(),
                UUID.randomUUID().toString(), 0, twoOfA)); // another service's session: not ours
        publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", UUID.randomUUID(), null, 0, twoOfA)); // not live

        await("orders counted", () -> {
            JsonPath s = stats(sessionId);
            return s.getLong("ordersPaid") == 1 && s.getLong("ordersPlaced") == 2 && s.getLong("unitsSold") == 2;
        });
        await("the viewers who left are no longer counted", () -> stats(sessionId).getInt("viewers.current") == 0);
        Thread.sleep(700); // give a wrongly repeated effect time to show
        JsonPath stats = stats(sessionId);
        assertThat(stats.getString("sessionId")).isEqualTo(sessionId);
        assertThat(stats.getInt("viewers.current")).isZero();
        assertThat(stats.getInt("viewers.peak")).isEqualTo(3);
        assertThat(stats.getLong("viewers.unique")).isEqualTo(2);
        assertThat(stats.getLong("clicks")).isEqualTo(4);
        assertThat(stats.getLong("ordersPlaced")).isEqualTo(2);
        assertThat(stats.getLong("ordersPaid")).isEqualTo(1);
        assertThat(stats.getLong("unitsSold")).isEqualTo(2);
        assertThat(stats.getLong("gmvCents")).isEqualTo(31800);
        assertThat(stats.getLong("commissionCents")).isEqualTo(3000);
        assertThat(stats.getDouble("conversionRate")).isEqualTo(0.5);
        assertThat(stats.getList("products")).hasSize(2);
        assertThat(stats.getString("products[0].productId")).isEqualTo(a.id.toString());
        assertThat(stats.getLong("products[0].clicks")).isEqualTo(3);
        assertThat(stats.getLong("products[0].ordersPaid")).isEqualTo(1);
        assertThat(stats.getLong("products[0].unitsSold")).isEqualTo(2);
        assertThat(stats.getLong("products[0].gmvCents")).isEqualTo(31800);
        assertThat(stats.getString("products[1].productId")).isEqualTo(b.id.toString());
        assertThat(stats.getLong("products[1].clicks")).isEqualTo(1);
        assertThat(stats.getLong("products[1].ordersPaid")).isZero();
        assertThat(stats.getLong("products[1].unitsSold")).isZero();
        assertThat(stats.getLong("products[1].gmvCents")).isZero();
    }

    @Test
    void statsAreTheHostsAndClicksAreChecked() {
        String sessionId = liveSession(host);
        CatalogProductView a = pinnableProduct(host);
        pin(host, sessionId, a);
        as(UUID.randomUUID(), "HOST").get("/api/live/sessions/" + sessionId + "/stats")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "forbidden"));
        as(UUID.randomUUID(), "BUYER").get("/api/live/sessions/" + sessionId + "/stats")
                .then().statusCode(403).contentType(PROBLEM);
        as(UUID.randomUUID(), "ADMIN").get("/api/live/sessions/" + sessionId + "/stats")
                .then().statusCode(200).body("clicks", equalTo(0)).body("conversionRate", equalTo(0.0f));
        as(host, "HOST").get("/api/live/sessions/" + UUID.randomUUID() + "/stats")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));

        UUID viewer = UUID.randomUUID();
        as(viewer, "BUYER").body(Map.of("productId", UUID.randomUUID())).post("/api/live/sessions/" + sessionId + "/clicks")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-pinned"));
        as(viewer, "BUYER").body(Map.of()).post("/api/live/sessions/" + sessionId + "/clicks")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("productId"));
        as(viewer, "BUYER").body(Map.of("productId", a.id)).post("/api/live/sessions/" + UUID.randomUUID() + "/clicks")
                .then().statusCode(404).contentType(PROBLEM);
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("productId", a.id))
                .post("/api/live/sessions/" + sessionId + "/clicks").then().statusCode(401).contentType(PROBLEM);
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end").then().statusCode(200);
        as(viewer, "BUYER").body(Map.of("productId", a.id)).post("/api/live/sessions/" + sessionId + "/clicks")
                .then().statusCode(409).contentType(PROBLEM).body("currentState", equalTo("ENDED"));
    }

    private JsonPath stats(String sessionId) {
        return as(host, "HOST").get("/api/live/sessions/" + sessionId + "/stats").then().statusCode(200).extract().jsonPath();
    }
}
