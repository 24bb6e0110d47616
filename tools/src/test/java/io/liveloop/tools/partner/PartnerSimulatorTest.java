package io.liveloop.tools.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.liveloop.platform.webhooks.WebhookVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator as a partner's system: it trusts only what is signed with its secret, and signs what it sends. */
class PartnerSimulatorTest {

    private static final WebhookSecret SECRET = WebhookSecret.generate();
    private static final String REQUESTED = "{\"type\":\"shipment.requested\",\"timestamp\":\"2026-05-01T08:00:00Z\","
            + "\"data\":{\"shipmentId\":\"3b0f7a9c-0000-4000-8000-000000000001\",\"orderId\":\"9a1c2e4f-0000-4000-8000-000000000002\"}}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final PartnerSimulator partner = PartnerSimulator.start(0).useSecret(SECRET.value());
    private HttpServer gateway;

    @AfterEach
    void stop() {
        partner.close();
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void acceptsAWebhookSignedWithThePartnerSecretOnceAndRefusesAForgedOne() throws Exception {
        String id = WebhookSigner.newMessageId();
        assertThat(send(REQUESTED, id, SECRET, Instant.now()).statusCode()).isEqualTo(200);
        assertThat(send(REQUESTED, id, SECRET, Instant.now()).statusCode()).isEqualTo(200); // LiveLoop's retry
        assertThat(send(REQUESTED, WebhookSigner.newMessageId(), WebhookSecret.generate(), Instant.now()).statusCode()).isEqualTo(401);
        assertThat(send(REQUESTED, WebhookSigner.newMessageId(), SECRET, Instant.now().minus(Duration.ofMinutes(10))).statusCode())
                .isEqualTo(401);

        assertThat(partner.accepted()).hasSize(1);
        ReceivedWebhook webhook = partner.awaitAccepted("shipment.requested", "9a1c2e4f-0000-4000-8000-000000000002", Duration.ofSeconds(1));
        assertThat(webhook.webhookId()).isEqualTo(id);
        assertThat(webhook.shipmentId()).isEqualTo("3b0f7a9c-0000-4000-8000-000000000001");
        assertThat(webhook.body()).isEqualTo(REQUESTED);
        assertThat(partner.duplicateCount()).isEqualTo(1);
        assertThat(partner.refused()).extracting(PartnerSimulator.Refusal::reason)
                .anySatisfy(r -> assertThat(r).startsWith("NO_MATCHING_SIGNATURE"))
                .anySatisfy(r -> assertThat(r).startsWith("TIMESTAMP_TOO_OLD"));
    }

    @Test
    void whileDownItAnswersTheOutageStatusAndRecordsNothingUntilItRecovers() throws Exception {
        partner.respondWith(500);
        String id = WebhookSigner.newMessageId();
        assertThat(send(REQUESTED, id, SECRET, Instant.now()).statusCode()).isEqualTo(500);
        assertThat(partner.accepted()).isEmpty();
        assertThat(partner.outageAnswerCount()).isEqualTo(1);

        partner.recover();
        assertThat(send(REQUESTED, id, SECRET, Instant.now()).statusCode()).isEqualTo(200);
        assertThat(partner.accepted()).hasSize(1);
    }

    @Test
    void tracksAParcelWithSignedWebhooksToTheGateway() throws Exception {
        List<String> verified = new CopyOnWriteArrayList<>();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/webhooks/logistics/partner-1", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            new WebhookVerifier(Clock.systemUTC()).verify(exchange.getRequestHeaders().getFirst(SignedHeaders.ID),
                    exchange.getRequestHeaders().getFirst(SignedHeaders.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(SignedHeaders.SIGNATURE), body, List.of(SECRET));
            verified.add(new String(body, StandardCharsets.UTF_8));
            byte[] answer = "{\"accepted\":true,\"replay\":false}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
        partner.usePartner("partner-1").useGateway("http://127.0.0.1:" + gateway.getAddress().getPort());

        PartnerSimulator.TrackResult result = partner.track("picked_up", "3b0f7a9c-0000-4000-8000-000000000001");

        assertThat(result.status()).isEqualTo(200);
        assertThat(verified).hasSize(1);
        JsonNode sent = new ObjectMapper().readTree(verified.get(0));
        assertThat(sent.path("type").asText()).isEqualTo("shipment.picked_up");
        assertThat(sent.path("data").path("shipmentId").asText()).isEqualTo("3b0f7a9c-0000-4000-8000-000000000001");
        assertThat(sent.path("data").path("trackingNumber").asText()).startsWith("LLX");
        assertThat(Instant.parse(sent.path("data").path("occurredAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void trackingNeedsToKnowWhoItIs() {
        assertThatThrownBy(() -> partner.track("picked_up", "3b0f7a9c-0000-4000-8000-000000000001"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("partner id");
    }

    @Test
    void credentialsAreWrittenForTheOwnerOnlyAndReadBack(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path file = PartnerCredentials.file(dir);
        new PartnerCredentials("p-1", "Demo Express", SECRET.value(), "http://127.0.0.1:8090/webhooks").write(file, json);

        assertThat(PartnerCredentials.read(file, json)).get().extracting(PartnerCredentials::signingSecret).isEqualTo(SECRET.value());
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(new PartnerCredentials("p-1", "x", SECRET.value(), null).toString()).doesNotContain(SECRET.value());
    }

    private HttpResponse<String> send(String body, String id, WebhookSecret secret, Instant at) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SignedHeaders headers = new WebhookSigner(Clock.systemUTC()).sign(id, at, bytes, List.of(secret));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(partner.url())).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        Map.of(SignedHeaders.ID, headers.id(), SignedHeaders.TIMESTAMP, headers.timestamp(), SignedHeaders.SIGNATURE, headers.signature())
                .forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
