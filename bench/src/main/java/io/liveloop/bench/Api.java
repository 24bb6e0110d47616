package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The public API as the apps call it, through the gateway: setup data for the benches (shops, products, rooms,
 * sessions, orders, partners) goes this way, never into a database. Tokens come from the gateway's development
 * sign-in, one per username and role.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Object> ADDRESS = Map.of("recipient", "张伟", "phone", "13800000000", "province", "浙江省",
            "city", "杭州市", "district", "西湖区", "line1", "文三路 100 号");

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(String gateway) {
        this.gateway = gateway;
    }

    String gateway() {
        return gateway;
    }

    /** The user id the gateway derives from a username (the token's {@code sub}). */
    static UUID userId(String username) {
        return UUID.nameUUIDFromBytes(("liveloop-user:" + username).getBytes(StandardCharsets.UTF_8));
    }

    /** A bearer token ({@code "Bearer ey..."}) for a username and role. */
    String token(String username, String role) {
        return "Bearer " + call("POST", "/api/auth/token", null, Map.of("username", username, "role", role), 200)
                .path("accessToken").asText();
    }

    /** Tokens of {@code count} users named {@code prefix-0 ... prefix-(count-1)}, signed in {@code parallelism} at a time. */
    List<String> tokens(String prefix, String role, int count, int parallelism) {
        return parallel(count, parallelism, i -> token(prefix + "-" + i, role));
    }

    // --- catalog -------------------------------------------------------------------------------------

    String openShop(String seller, String name) {
        return call("POST", "/api/catalog/shops", seller, Map.of("name", name, "description", "Benchmark shop"), 201)
                .path("id").asText();
    }

    void authorizeHost(String seller, String shopId, UUID hostId) {
        call("POST", "/api/catalog/shops/" + shopId + "/hosts", seller, Map.of("hostId", hostId), 201);
    }

    record SkuSpec(String code, long priceCents, int stock) {
    }

    /** Creates a product, passes its quality check (as {@code admin}) and publishes it; answers the product. */
    JsonNode publishedProduct(String seller, String admin, String shopId, String title, List<SkuSpec> skus) {
        List<Map<String, Object>> skuBodies = new ArrayList<>();
        for (SkuSpec s : skus) {
            skuBodies.add(Map.of("skuCode", s.code(), "attributes", Map.of("variant", s.code()),
                    "priceCents", s.priceCents(), "stock", s.stock()));
        }
        String productId = call("POST", "/api/catalog/products", seller, Map.of("shopId", shopId, "title", title,
                "description", "Benchmark product", "skus", skuBodies), 201).path("id").asText();
        call("POST", "/api/catalog/products/" + productId + "/quality-checks", admin,
                Map.of("result", "PASSED", "notes", "benchmark"), 201);
        return call("POST", "/api/catalog/products/" + productId + "/publish", seller, null, 200);
    }

    /** The id of the product's SKU with this code. */
    static String skuId(JsonNode product, String code) {
        for (JsonNode sku : product.path("skus")) {
            if (code.equals(sku.path("skuCode").asText())) {
                return sku.path("id").asText();
            }
        }
        throw new IllegalArgumentException("product " + product.path("id").asText() + " has no SKU " + code);
    }

    JsonNode stock(String seller, String skuId) {
        return call("GET", "/api/catalog/skus/" + skuId + "/stock", seller, null, 200);
    }

    // --- live ----------------------------------------------------------------------------------------

    /** Opens a room, schedules a session in it and starts it; answers the LIVE session's id. */
    String liveSession(String host, String title) {
        String roomId = call("POST", "/api/live/rooms", host, Map.of("title", title), 201).path("id").asText();
        String sessionId = call("POST", "/api/live/rooms/" + roomId + "/sessions", host, Map.of("title", title), 201)
                .path("id").asText();
        call("POST", "/api/live/sessions/" + sessionId + "/start", host, null, 200);
        return sessionId;
    }

    record Offer(String skuId, long livePriceCents, Integer perBuyerLimit) {
        Map<String, Object> body() {
            return perBuyerLimit == null ? Map.of("skuId", skuId, "livePriceCents", livePriceCents)
                    : Map.of("skuId", skuId, "livePriceCents", livePriceCents, "perBuyerLimit", perBuyerLimit);
        }
    }

    static Map<String, Object> pinBody(String productId, List<Offer> offers) {
        return Map.of("productId", productId, "offers", offers.stream().map(Offer::body).toList());
    }

    void pin(String host, String sessionId, String productId, List<Offer> offers) {
        call("POST", "/api/live/sessions/" + sessionId + "/pins", host, pinBody(productId, offers), 201);
    }

    // --- orders --------------------------------------------------------------------------------------

    static Map<String, Object> orderBody(String skuId, int quantity, String liveSessionId) {
        Map<String, Object> item = Map.of("skuId", skuId, "quantity", quantity);
        return liveSessionId == null ? Map.of("items", List.of(item), "shippingAddress", ADDRESS)
                : Map.of("items", List.of(item), "liveSessionId", liveSessionId, "shippingAddress", ADDRESS);
    }

    JsonNode placeOrder(String buyer, String skuId, int quantity, String liveSessionId) {
        return call("POST", "/api/orders", buyer, orderBody(skuId, quantity, liveSessionId), 201,
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** Starts a sandbox payment; {@code simulate} NONE means the sandbox sends no callback (the bench sends it). */
    JsonNode pay(String buyer, String orderId, String simulate) {
        return call("POST", "/api/orders/" + orderId + "/payments", buyer, Map.of("provider", "sandbox", "simulate", simulate),
                201, "Idempotency-Key", UUID.randomUUID().toString());
    }

    // --- fulfillment ---------------------------------------------------------------------------------

    /** Registers a partner (default for every shop); answers {id, signingSecret}. */
    JsonNode createPartner(String admin, String name, String webhookUrl) {
        return call("POST", "/api/fulfillment/partners", admin, Map.of("name", name, "webhookUrl", webhookUrl, "default", true), 201);
    }

    void routeShop(String seller, String shopId, String partnerId) {
        call("PUT", "/api/fulfillment/shops/" + shopId + "/partner", seller, Map.of("partnerId", partnerId), 200);
    }

    // --- plumbing ------------------------------------------------------------------------------------

    /** One call; fails with the answer's status and body unless it is {@code expected}. */
    JsonNode call(String method, String path, String bearer, Object body, int expected, String... headers) {
        Answer answer = send(method, path, bearer, body, headers);
        // Setup is not what is measured: a busy suite's 502/503/504 is tried again (same request, same
        // Idempotency-Key, so a retried order or payment is still one order or payment).
        for (int attempt = 1; attempt <= 4 && answer.status() != expected && answer.status() >= 502 && answer.status() <= 504; attempt++) {
            FlashBench.sleep(500L * attempt);
            answer = send(method, path, bearer, body, headers);
        }
        if (answer.status() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + " (expected "
                    + expected + "): " + answer.body());
        }
        return answer.json();
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Answer send(String method, String path, String bearer, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : gateway + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", bearer);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code task(0..count-1)} on {@code parallelism} threads; answers the results in index order. */
    static <T> List<T> parallel(int count, int parallelism, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
