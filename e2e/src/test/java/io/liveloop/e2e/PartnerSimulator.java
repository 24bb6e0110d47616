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

/**
 * A logistics partner as a real HTTP server: it accepts LiveLoop's {@code shipment.requested} webhooks only when
 * their Standard Webhooks signature verifies with the partner secret, and posts signed tracking webhooks back to
 * the gateway, as a partner's own system would.
 */
final class PartnerSimulator implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<JsonPath> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private volatile WebhookSecret secret;

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

    List<JsonPath> accepted() {
        return accepted;
    }

    int refusedCount() {
        return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Posts a signed tracking webhook for {@code shipmentId} to LiveLoop; returns the HTTP status. */
    int track(String gateway, String partnerId, String type, String shipmentId, String trackingNumber) {
        String body = "{\"type\":\"" + type + "\",\"data\":{\"shipmentId\":\"" + shipmentId + "\",\"trackingNumber\":\""
                + trackingNumber + "\",\"occurredAt\":\"" + Instant.now() + "\",\"location\":\"杭州转运中心\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SignedHeaders headers = new WebhookSigner(Clock.systemUTC()).sign(WebhookSigner.newMessageId(), bytes, List.of(secret));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/logistics/" + partnerId))
                .header("Content-Type", "application/json")
                .header(SignedHeaders.ID, headers.id())
                .header(SignedHeaders.TIMESTAMP, headers.timestamp())
                .header(SignedHeaders.SIGNATURE, headers.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
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
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
