package io.liveloop.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.liveloop.platform.webhooks.WebhookVerificationException;
import io.liveloop.platform.webhooks.WebhookVerifier;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A logistics partner as a real HTTP server: it accepts LiveLoop's webhooks ({@code shipment.requested},
 * {@code shipment.cancelled}) only when their Standard Webhooks signature verifies with the partner secret, and
 * posts signed tracking webhooks back to the gateway, as a partner's own system would. It can also misbehave the
 * ways partners do: be down for a while ({@link #respondWith}), or send tracking that is forged, stale or replayed
 * ({@link #tracking}, {@link #post}).
 */
final class PartnerSimulator implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<JsonPath> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile WebhookSecret secret;
    private volatile int outageStatus;

    PartnerSimulator() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    void useSecret(String whsec) {
        this.secret = WebhookSecret.parse(whsec);
    }

    WebhookSecret secret() {
        return secret;
    }

    /** Webhooks that verified, in arrival order (while down, none are accepted). */
    List<JsonPath> accepted() {
        return accepted;
    }

    /** The first accepted webhook of {@code type} about {@code orderId}, or null. */
    JsonPath acceptedFor(String type, String orderId) {
        return accepted.stream().filter(m -> type.equals(m.getString("type")) && orderId.equals(m.getString("data.orderId")))
                .findFirst().orElse(null);
    }

    int refusedCount() {
        return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every request that reached the simulator, answered or not. */
    int receivedCount() {
        return received.get();
    }

    /** From now on, answer every webhook with {@code status} (e.g. 500) without looking at it: the partner is down. */
    void respondWith(int status) {
        outageStatus = status;
    }

    /** The partner is back: verify and accept again. */
    void recover() {
        outageStatus = 0;
    }

    /** Posts a signed tracking webhook for {@code shipmentId} to LiveLoop; returns the HTTP status. */
    int track(String gateway, String partnerId, String type, String shipmentId, String trackingNumber) {
        return post(gateway, partnerId, tracking(type, shipmentId, trackingNumber, secret, Instant.now())).statusCode();
    }

    /** A tracking webhook signed with {@code key} as of {@code signedAt}, with a fresh webhook-id. */
    Tracking tracking(String type, String shipmentId, String trackingNumber, WebhookSecret key, Instant signedAt) {
        String body = "{\"type\":\"" + type + "\",\"data\":{\"shipmentId\":\"" + shipmentId + "\",\"trackingNumber\":\""
                + trackingNumber + "\",\"occurredAt\":\"" + signedAt + "\",\"location\":\"杭州转运中心\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Tracking(bytes, new WebhookSigner(Clock.systemUTC())
                .sign(WebhookSigner.newMessageId(), signedAt, bytes, List.of(key)));
    }

    /** Sends exactly these bytes and headers (so a test can send one twice: a replay). */
    HttpResponse<String> post(String gateway, String partnerId, Tracking tracking) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/logistics/" + partnerId))
                .header("Content-Type", "application/json")
                .header(SignedHeaders.ID, tracking.headers().id())
                .header(SignedHeaders.TIMESTAMP, tracking.headers().timestamp())
                .header(SignedHeaders.SIGNATURE, tracking.headers().signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(tracking.body())).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.incrementAndGet();
        int status = outageStatus;
        if (status == 0) {
            try {
                new WebhookVerifier(Clock.systemUTC()).verify(exchange.getRequestHeaders().getFirst(SignedHeaders.ID),
                        exchange.getRequestHeaders().getFirst(SignedHeaders.TIMESTAMP),
                        exchange.getRequestHeaders().getFirst(SignedHeaders.SIGNATURE), body, List.of(secret));
                accepted.add(JsonPath.from(new String(body, StandardCharsets.UTF_8)));
                status = 200;
            } catch (WebhookVerificationException | IllegalArgumentException | NullPointerException e) {
                refused.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                status = 401;
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A signed tracking webhook as it goes on the wire. */
    record Tracking(byte[] body, SignedHeaders headers) {
    }
}
