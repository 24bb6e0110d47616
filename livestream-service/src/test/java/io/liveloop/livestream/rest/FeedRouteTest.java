package io.liveloop.livestream.rest;

import io.liveloop.livestream.LiveFixtures.CatalogProductView;
import io.liveloop.livestream.SseClient;
import io.liveloop.livestream.SseClient.Event;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.livestream.LiveFixtures.PROBLEM;
import static io.liveloop.livestream.LiveFixtures.PROBLEMS;
import static io.liveloop.livestream.LiveFixtures.as;
import static io.liveloop.livestream.LiveFixtures.await;
import static io.liveloop.livestream.LiveFixtures.cloudEvent;
import static io.liveloop.livestream.LiveFixtures.liveSession;
import static io.liveloop.livestream.LiveFixtures.offer;
import static io.liveloop.livestream.LiveFixtures.orderEvent;
import static io.liveloop.livestream.LiveFixtures.pin;
import static io.liveloop.livestream.LiveFixtures.pinnableProduct;
import static io.liveloop.livestream.LiveFixtures.publish;
import static io.liveloop.livestream.LiveFixtures.publishOrder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
class FeedRouteTest {

    @TestHTTPResource("/")
    URI baseUri;

    private final UUID host = UUID.randomUUID();
    private final DataSource dataSource;
    private final int poolMaxSize;

    FeedRouteTest(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.jdbc.max-size") int poolMaxSize) {
        this.dataSource = dataSource;
        this.poolMaxSize = poolMaxSize;
    }

    @Test
    void aViewerSeesTheSnapshotFirstThenEveryChangeInOrder() {
        String sessionId = liveSession(host);
        CatalogProductView first = pinnableProduct(host);
        pin(host, sessionId, first);

        try (SseClient viewer = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
            Event snapshot = viewer.next();
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.id()).isNotBlank();
            JsonPath view = JsonPath.from(snapshot.data());
            assertThat(view.getString("id")).isEqualTo(sessionId);
            assertThat(view.getString("status")).isEqualTo("LIVE");
            assertThat(view.getList("bag.productId")).containsExactly(first.id.toString());
            assertThat(view.getInt("viewers.current")).isEqualTo(1);

            CatalogProductView second = pinnableProduct(host);
            pin(host, sessionId, second);
            Event pinned = viewer.nextSkippingViewers();
            assertThat(pinned.name()).isEqualTo("pinned");
            assertThat(JsonPath.from(pinned.data()).getString("productId")).isEqualTo(second.id.toString());
            assertThat(JsonPath.from(pinned.data()).getInt("position")).isEqualTo(2);
            assertThat(JsonPath.from(pinned.data()).getLong("offers[0].livePriceCents")).isEqualTo(15900);

            as(host, "HOST").body(Map.of("productId", second.id)).put("/api/live/sessions/" + sessionId + "/explaining")
                    .then().statusCode(200);
            Event explaining = viewer.nextSkippingViewers();
            assertThat(explaining.name()).isEqualTo("explaining");
            assertThat(JsonPath.from(explaining.data()).getString("productId")).isEqualTo(second.id.toString());

            publish("catalog.stock.v1", second.skuA.toString(), cloudEvent("liveloop.stock.changed", second.skuA.toString(),
                    Map.of("skuId", second.skuA, "productId", second.id, "available", 7, "version", 12)));
            Event stock = viewer.nextSkippingViewers();
            assertThat(stock.name()).isEqualTo("stock");
            assertThat(JsonPath.from(stock.data()).getString("skuId")).isEqualTo(second.skuA.toString());
            assertThat(JsonPath.from(stock.data()).getInt("available")).isEqualTo(7);

            // A replayed older report, then the same report again: neither reaches the feed; the next newer one does.
            for (int[] report : new int[][] {{9, 11}, {7, 12}, {5, 13}}) {
                publish("catalog.stock.v1", second.skuA.toString(), cloudEvent("liveloop.stock.changed", second.skuA.toString(),
                        Map.of("skuId", second.skuA, "productId", second.id, "available", report[0], "version", report[1])));
            }
            Event newer = viewer.nextSkippingViewers();
            assertThat(newer.name()).isEqualTo("stock");
            assertThat(JsonPath.from(newer.data()).getInt("available")).isEqualTo(5);

            UUID orderId = UUID.randomUUID();
            publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.placed", orderId, sessionId, 0,
                    new Object[] {second.id, second.skuA, 2, 15900}));
            publishOrder(orderEvent(UUID.randomUUID().toString(), "liveloop.order.paid", orderId, sessionId, 0,
                    new Object[] {second.id, second.skuA, 2, 15900}));
            Event sale = viewer.nextSkippingViewers();
            assertThat(sale.name()).isEqualTo("sale");
            assertThat(JsonPath.from(sale.data()).getMap("")).containsOnlyKeys("productId", "quantity");
            assertThat(JsonPath.from(sale.data()).getString("productId")).isEqualTo(second.id.toString());
            assertThat(JsonPath.from(sale.data()).getInt("quantity")).isEqualTo(2);

            as(host, "HOST").body(Map.of("offers", List.of(offer(second.skuB, 21000))))
                    .patch("/api/live/sessions/" + sessionId + "/pins/" + second.id).then().statusCode(200);
            Event offer = viewer.nextSkippingViewers();
            assertThat(offer.name()).isEqualTo("offer");
            assertThat(JsonPath.from(offer.data()).getLong("offers[0].livePriceCents")).isEqualTo(21000);

            as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + first.id).then().statusCode(204);
            Event unpinned = viewer.nextSkippingViewers();
            assertThat(unpinned.name()).isEqualTo("unpinned");
            assertThat(JsonPath.from(unpinned.data()).getString("productId")).isEqualTo(first.id.toString());
            Event moved = viewer.nextSkippingViewers();
            assertThat(moved.name()).isEqualTo("offer");
            assertThat(JsonPath.from(moved.data()).getInt("position")).isEqualTo(1);

            as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end").then().statusCode(200);
            Event ended = viewer.nextSkippingViewers();
            assertThat(ended.name()).isEqualTo("ended");
            assertThat(viewer.next().name()).as("the stream closes after ended").isEqualTo("<end of stream>");

            List<Long> seqs = List.of(snapshot, pinned, explaining, stock, sale, offer, unpinned, moved, ended).stream()
                    .map(e -> Long.parseLong(e.id().split("-")[0])).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aReconnectingViewerGetsExactlyWhatItMissed() {
        String sessionId = liveSession(host);
        CatalogProductView a = pinnableProduct(host);
        CatalogProductView b = pinnableProduct(host);

        try (SseClient watcher = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
            assertThat(watcher.next().name()).isEqualTo("snapshot");
            String lastSeen;
            try (SseClient dropping = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
                assertThat(dropping.next().name()).isEqualTo("snapshot");
                pin(host, sessionId, a);
                List<Event> seen = dropping.until(e -> e.name().equals("pinned"));
                lastSeen = seen.get(seen.size() - 1).id();
                String seenId = lastSeen;
                watcher.until(e -> seenId.equals(e.id()));
            }
            // while the viewer is away
            as(host, "HOST").body(Map.of("productId", a.id)).put("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(200);
            pin(host, sessionId, b);
            as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/pins/" + b.id).then().statusCode(204);
            List<Event> missed = watcher.until(e -> e.name().equals("unpinned"));
            assertThat(missed).extracting(Event::name).contains("explaining", "pinned", "unpinned");

            try (SseClient back = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), lastSeen)) {
                List<Event> replayed = back.until(e -> e.name().equals("unpinned"));
                assertThat(replayed).as("exactly the missed events, no snapshot").containsExactlyElementsOf(missed);

                // live events continue after the replay, for both
                as(host, "HOST").delete("/api/live/sessions/" + sessionId + "/explaining").then().statusCode(204);
                assertThat(back.nextSkippingViewers().name()).isEqualTo("explaining");
                assertThat(watcher.nextSkippingViewers().name()).isEqualTo("explaining");
            }

            try (SseClient stranger = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), "17-notours")) {
                Event first = stranger.next();
                assertThat(first.name()).as("an id this feed did not issue gets a fresh snapshot").isEqualTo("snapshot");
                assertThat(JsonPath.from(first.data()).getList("bag.productId")).containsExactly(a.id.toString());
                assertThat(JsonPath.from(first.data()).getString("explainingProductId")).isNull();
            }
        }
    }

    @Test
    void viewersAreCountedWhileConnectedAndIdleStreamsGetHeartbeats() throws Exception {
        String sessionId = liveSession(host);
        UUID viewerOne = UUID.randomUUID();
        try (SseClient one = SseClient.connect(baseUri, sessionId, viewerOne, null)) {
            try (SseClient two = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
                assertThat(one.next().name()).isEqualTo("snapshot");
                assertThat(two.next().name()).isEqualTo("snapshot");
                one.until(e -> e.name().equals("viewers") && JsonPath.from(e.data()).getInt("current") == 2);
                as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("viewers.current", equalTo(2))
                        .body("viewers.peak", equalTo(2));
                Thread.sleep(1500);
                assertThat(two.comments()).as("heartbeat comments on an idle stream").isPositive();
            }
            await("the viewer who left is no longer counted", () -> as(host, "HOST").get("/api/live/sessions/" + sessionId)
                    .then().extract().jsonPath().getInt("viewers.current") == 1);
            List<Event> updates = one.until(e -> e.name().equals("viewers") && JsonPath.from(e.data()).getInt("current") == 1);
            assertThat(JsonPath.from(updates.get(updates.size() - 1).data()).getInt("peak")).isEqualTo(2);
        }
    }

    @Test
    void anEndedSessionsFeedIsItsSnapshotAndFeedProblems() {
        String sessionId = liveSession(host);
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end").then().statusCode(200);
        try (SseClient late = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null)) {
            Event snapshot = late.next();
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(JsonPath.from(snapshot.data()).getString("status")).isEqualTo("ENDED");
            assertThat(late.next().name()).isEqualTo("<end of stream>");
        }

        given().accept("text/event-stream").header("Authorization", TestTokens.bearer(UUID.randomUUID(), "BUYER"))
                .get("/api/live/sessions/" + UUID.randomUUID() + "/feed")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));
        given().accept("text/event-stream").get("/api/live/sessions/" + sessionId + "/feed")
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "unauthorized"));
    }

    @Test
    void aViewerWhoCannotBeJoinedForWantOfADatabaseConnectionGetsA503ProblemToRetry() throws Exception {
        String sessionId = liveSession(host);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolMaxSize; i++) {
                held.add(dataSource.getConnection()); // a burst of joins has taken the whole pool
            }
            given().accept("text/event-stream").header("Authorization", TestTokens.bearer(UUID.randomUUID(), "BUYER"))
                    .get("/api/live/sessions/" + sessionId + "/feed")
                    .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "1")
                    .body("type", equalTo(PROBLEMS + "service-unavailable"))
                    .body("detail", equalTo("The service cannot reach its database right now; retry shortly"))
                    .body("instance", equalTo("/api/live/sessions/" + sessionId + "/feed"));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void aForgedOrExpiredTokenOrAMalformedSessionIdIsAProblem() {
        String sessionId = liveSession(host);
        String forged = TestTokens.token(UUID.randomUUID(), "BUYER", TestTokens.ISSUER, Instant.now().plusSeconds(600),
                TestTokens.foreignKey());
        String expired = TestTokens.token(UUID.randomUUID(), "BUYER", TestTokens.ISSUER, Instant.now().minusSeconds(600),
                TestTokens.signingKey());
        for (String token : List.of(forged, expired)) {
            given().accept("text/event-stream").header("Authorization", "Bearer " + token)
                    .get("/api/live/sessions/" + sessionId + "/feed")
                    .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo(PROBLEMS + "unauthorized"))
                    .body("instance", equalTo("/api/live/sessions/" + sessionId + "/feed"));
        }
        given().accept("text/event-stream").header("Authorization", TestTokens.bearer(UUID.randomUUID(), "BUYER"))
                .get("/api/live/sessions/not-a-session/feed")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));
    }

    @Test
    void everyViewerGetsTheSameEventOnceEachInTheSameOrder() {
        String sessionId = liveSession(host);
        List<SseClient> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                SseClient viewer = SseClient.connect(baseUri, sessionId, UUID.randomUUID(), null);
                viewers.add(viewer);
                assertThat(viewer.next().name()).isEqualTo("snapshot");
            }
            CatalogProductView first = pinnableProduct(host);
            CatalogProductView second = pinnableProduct(host);
            pin(host, sessionId, first);
            pin(host, sessionId, second);
            List<List<Event>> seen = viewers.stream().map(v -> List.of(pinnedEvent(v), pinnedEvent(v))).toList();
            assertThat(seen).allSatisfy(events -> assertThat(events).containsExactlyElementsOf(seen.get(0)));
            assertThat(seen.get(0)).extracting(e -> JsonPath.from(e.data()).getString("productId"))
                    .containsExactly(first.id.toString(), second.id.toString());
            as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("viewers.current", equalTo(24));
        } finally {
            viewers.forEach(SseClient::close);
        }
    }

    @Test
    void theFeedIsDescribedInTheApiDocument() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/live/sessions/{sessionId}/feed'.get.operationId", equalTo("feed"))
                .body("paths.'/api/live/sessions/{sessionId}/feed'.get.responses.'200'.content", hasKey("text/event-stream"))
                .body("paths.'/api/live/sessions/{sessionId}/feed'.get.responses.'404'.content", hasKey(PROBLEM));
    }

    private static Event pinnedEvent(SseClient viewer) {
        Event e = viewer.nextSkippingViewers();
        assertThat(e.name()).isEqualTo("pinned");
        return e;
    }
}
