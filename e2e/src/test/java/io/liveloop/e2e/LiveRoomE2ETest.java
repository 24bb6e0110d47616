package io.liveloop.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.liveloop.e2e.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The live room on the packaged suite, through the gateway: a host who sells another shop's product through the
 * alliance pool pins it with a live offer; a viewer's SSE feed shows the pin; a buyer orders it in the session
 * at the live price (order-service knows the offer from live.sessions.v1, not by asking livestream) and pays;
 * the feed then shows the sale and the new stock, and the session's stats count the order and the commission.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class LiveRoomE2ETest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "李雷", "phone", "13900000000",
            "province", "广东省", "city", "深圳市", "district", "南山区", "line1", "科技园 1 号");

    @Test
    void aPinnedLiveOfferSellsAndTheRoomSeesIt(RunningSuite suite) throws Exception {
        Shopkeeping shop = new Shopkeeping(suite);
        String gateway = suite.url("gateway");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String host = "host-" + tag;
        String buyer = "buyer-" + tag;

        String productId = shop.draftProduct(seller, shop.openShop(seller, "Silk road " + tag), "Silk scarf " + tag, 20000, 10);
        String skuId = shop.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");
        shop.as(seller, "SELLER").body(Map.of("commissionRateBps", 2000))
                .put(gateway + "/api/catalog/products/" + productId + "/alliance").then().statusCode(200);

        String roomId = shop.as(host, "HOST").body(Map.of("title", "Scarves live " + tag))
                .post(gateway + "/api/live/rooms").then().statusCode(201).extract().path("id");
        String sessionId = shop.as(host, "HOST").body(Map.of("title", "Evening show"))
                .post(gateway + "/api/live/rooms/" + roomId + "/sessions").then().statusCode(201).extract().path("id");
        shop.as(host, "HOST").post(gateway + "/api/live/sessions/" + sessionId + "/start")
                .then().statusCode(200).body("status", equalTo("LIVE"));

        Feed feed = Feed.open(gateway + "/api/live/sessions/" + sessionId + "/feed", shop.tokens().bearer("viewer-" + tag, "BUYER"));
        try {
            shop.as(host, "HOST").body(Map.of("productId", productId, "offers",
                            List.of(Map.of("skuId", skuId, "livePriceCents", 15000, "perBuyerLimit", 2))))
                    .post(gateway + "/api/live/sessions/" + sessionId + "/pins")
                    .then().statusCode(201).body("offers[0].livePriceCents", equalTo(15000));
            feed.await("pinned", productId);

            Thread.sleep(3_000); // the offer travels to order-service's read model over Kafka
            String orders = gateway + "/api/orders";
            String orderId = shop.as(buyer, "BUYER").header("Idempotency-Key", "live-" + tag)
                    .body(Map.of("items", List.of(Map.of("skuId", skuId, "quantity", 2)), "liveSessionId", sessionId,
                            "shippingAddress", ADDRESS))
                    .post(orders)
                    .then().statusCode(201)
                    .body("items[0].unitPriceCents", equalTo(15000))
                    .body("totalCents", equalTo(30000))
                    .body("hostId", equalTo(SuiteTokens.userId(host).toString()))
                    .body("commissionCents", equalTo(6000))
                    .extract().path("id");
            shop.as(buyer, "BUYER").header("Idempotency-Key", "live-pay-" + tag).body(Map.of("provider", "sandbox"))
                    .post(orders + "/" + orderId + "/payments").then().statusCode(201);

            feed.await("sale", "\"quantity\":2");
            feed.await("stock", "\"available\":8");
        } finally {
            feed.close();
        }

        JsonPath stats = eventually(() -> shop.as(host, "HOST").get(gateway + "/api/live/sessions/" + sessionId + "/stats")
                .then().statusCode(200).extract().jsonPath(), s -> s.getLong("ordersPaid") == 1);
        assertThat(stats.getLong("unitsSold")).isEqualTo(2);
        assertThat(stats.getLong("gmvCents")).isEqualTo(30000);
        assertThat(stats.getLong("commissionCents")).isEqualTo(6000);
    }

    /** A viewer's SSE connection, read line by line as an app's EventSource would. */
    private static final class Feed implements AutoCloseable {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<HttpResponse<java.io.InputStream>> response;

        private Feed(CompletableFuture<HttpResponse<java.io.InputStream>> response) {
            this.response = response;
        }

        static Feed open(String url, String bearer) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer)
                    .header("Accept", "text/event-stream").GET().build();
            Feed feed = new Feed(HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
            feed.response.thenAccept(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String event = null;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:") && event != null) {
                            feed.events.add(event + " " + line.substring(5).strip());
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            });
            return feed;
        }

        void await(String event, String fragment) {
            eventually(() -> List.copyOf(events), seen -> seen.stream().anyMatch(e -> e.startsWith(event + " ") && e.contains(fragment)));
        }

        @Override
        public void close() {
            response.thenAccept(r -> {
                try {
                    r.body().close();
                } catch (java.io.IOException ignored) {
                    // already closed
                }
            });
        }
    }
}
