package io.liveloop.fulfillment;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.fulfillment.FulfillmentFixtures.PaidOrder;
import io.liveloop.fulfillment.FulfillmentFixtures.TestPartner;
import io.liveloop.platform.testing.EventSchemas;
import io.liveloop.platform.testing.KafkaBroker;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookVerificationException;
import io.liveloop.platform.webhooks.WebhookVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.PROBLEM;
import static io.liveloop.fulfillment.FulfillmentFixtures.as;
import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static io.liveloop.fulfillment.FulfillmentFixtures.await;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitReceived;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitShipment;
import static io.liveloop.fulfillment.FulfillmentFixtures.consume;
import static io.liveloop.fulfillment.FulfillmentFixtures.delivery;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidAndShipped;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidEvent;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.partnerAnswers;
import static io.liveloop.fulfillment.FulfillmentFixtures.publish;
import static io.liveloop.fulfillment.FulfillmentFixtures.received;
import static io.liveloop.fulfillment.FulfillmentFixtures.shopRoutedTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.signatureHeaders;
import static io.liveloop.fulfillment.FulfillmentFixtures.type;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class DispatchTest {

    private final UUID seller = UUID.randomUUID();

    @Test
    void aPaidOrderBecomesOneShipmentWhoseSignedRequestThePartnerAccepts() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        TestPartner partner = partner(path);
        PaidOrder order = new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shopRoutedTo(partner, seller),
                Instant.parse("2026-05-01T08:00:00Z"), 24);

        String paid = paidEvent(order);
        // The same event twice, and the payment announced again under another event id: one shipment.
        publish(order.orderId(), paid, paid, paidEvent(order));
        JsonPath shipment = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));
        assertThat(shipment.getString("partnerId")).isEqualTo(partner.id());
        assertThat(shipment.getString("shipBy")).isEqualTo("2026-05-02T08:00:00Z");
        assertThat(shipment.getString("shipTo.city")).isEqualTo("杭州市");
        assertThat(shipment.getInt("items[0].quantity")).isEqualTo(2);
        assertThat(asAdmin().queryParam("orderId", order.orderId()).get("/api/fulfillment/shipments")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(1);

        LoggedRequest request = awaitReceived(path, 1);
        new WebhookVerifier(Clock.systemUTC()).verify(signatureHeaders(request), request.getBody(),
                List.of(partner.webhookSecret()));
        assertThatThrownBy(() -> new WebhookVerifier(Clock.systemUTC()).verify(signatureHeaders(request),
                request.getBody(), List.of(WebhookSecret.generate()))).isInstanceOf(WebhookVerificationException.class);
        JsonPath body = JsonPath.from(request.getBodyAsString());
        assertThat(body.getString("type")).isEqualTo("shipment.requested");
        assertThat(body.getString("timestamp")).isNotNull();
        assertThat(body.getString("data.shipmentId")).isEqualTo(shipment.getString("id"));
        assertThat(body.getString("data.orderId")).isEqualTo(order.orderId().toString());
        assertThat(body.getString("data.shipTo.recipient")).isEqualTo("王小明");
        assertThat(body.getString("data.items[0].title")).isEqualTo("夏季碎花连衣裙");
        assertThat(body.getString("data.shipBy")).isEqualTo("2026-05-02T08:00:00Z");

        List<ConsumerRecord<String, String>> events = consume(shipment.getString("id"), 2);
        assertThat(events).extracting(r -> type(r.value()))
                .containsExactly("liveloop.shipment.created", "liveloop.shipment.dispatched");
        events.forEach(r -> EventSchemas.assertValid("fulfillment.shipments.v1", r.value()));
        // only one request went out, however many times the payment was announced
        assertThat(received(path)).hasSize(1);
    }

    @Test
    void failuresAreRetriedOnTheScheduleUntilThePartnerAccepts() {
        String path = uniquePath();
        var server = WireMockServers.server();
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database down")).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(202).withBody("{\"accepted\":true}")));
        TestPartner partner = partner(path);
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));

        paidAndShipped(order);
        JsonPath shipment = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));

        JsonPath delivery = delivery(partner, shipment.getString("id"));
        assertThat(delivery.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(delivery.getList("attempts.statusCode")).containsExactly(500, 502, 202);
        assertThat(delivery.getString("attempts[0].responseExcerpt")).isEqualTo("database down");
        assertThat(delivery.getString("attempts[0].error")).isEqualTo("HTTP 500");
        assertThat(delivery.getLong("attempts[2].latencyMs")).isGreaterThanOrEqualTo(0);
        // the same message each time (partners drop repeats by webhook-id), freshly signed
        List<LoggedRequest> requests = received(path);
        assertThat(requests).extracting(r -> r.getHeader("webhook-id")).containsOnly(delivery.getString("messageId"));
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
    }

    @Test
    void timeoutsAndRefusedConnectionsAreRetriedToo() {
        String path = uniquePath();
        var server = WireMockServers.server();
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("fast"));
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        TestPartner slow = partner(path);
        PaidOrder order = PaidOrder.of(shopRoutedTo(slow, seller));
        paidAndShipped(order);
        String shipmentId = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        JsonPath delivery = delivery(slow, shipmentId);
        assertThat(delivery.getString("attempts[0].error")).startsWith("timeout");
        assertThat((Object) delivery.get("attempts[0].statusCode")).isNull();
        assertThat(delivery.getInt("attempts[1].statusCode")).isEqualTo(200);

        // nobody listens on this port: every attempt is refused, then the partner moves to a working endpoint
        String closedPath = uniquePath();
        TestPartner moving = FulfillmentFixtures.partnerAt("http://127.0.0.1:" + KafkaBroker.freePort() + closedPath, closedPath);
        PaidOrder second = PaidOrder.of(shopRoutedTo(moving, seller));
        paidAndShipped(second);
        String secondId = awaitShipment(second, s -> s.getString("status").equals("DISPATCH_FAILED")).getString("id");
        JsonPath refused = delivery(moving, secondId);
        assertThat(refused.getList("attempts.error", String.class)).hasSize(4).allMatch(e -> e.startsWith("connection failed"));

        String newPath = uniquePath();
        partnerAnswers(newPath, 200);
        asAdmin().body(Map.of("webhookUrl", server.baseUrl() + newPath)).patch("/api/fulfillment/partners/" + moving.id())
                .then().statusCode(200);
        asAdmin().post("/api/fulfillment/deliveries/" + refused.getString("id") + "/redeliver").then().statusCode(202);
        awaitShipment(second, s -> s.getString("status").equals("DISPATCHED"));
        assertThat(received(newPath)).hasSize(1);
    }

    @Test
    void retryAfterOn429IsHonoured() {
        String path = uniquePath();
        var server = WireMockServers.server();
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        server.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        TestPartner partner = partner(path);
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String shipmentId = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");

        JsonPath delivery = delivery(partner, shipmentId);
        assertThat(delivery.getList("attempts.statusCode")).containsExactly(429, 200);
        Instant first = Instant.parse(delivery.getString("attempts[0].attemptedAt"));
        Instant second = Instant.parse(delivery.getString("attempts[1].attemptedAt"));
        // the schedule alone would have retried after 300 ms
        assertThat(ChronoUnit.MILLIS.between(first, second)).isGreaterThanOrEqualTo(1_900);
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsDeadAndTheShipmentDispatchFailedUntilRedelivered() {
        String path = uniquePath();
        partnerAnswers(path, 503);
        TestPartner partner = partner(path);
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String shipmentId = awaitShipment(order, s -> s.getString("status").equals("DISPATCH_FAILED")).getString("id");

        JsonPath delivery = delivery(partner, shipmentId);
        assertThat(delivery.getString("status")).isEqualTo("DEAD");
        assertThat(delivery.getInt("attemptCount")).isEqualTo(4); // the test schedule: 0s, 300ms, 300ms, 300ms
        assertThat(asAdmin().queryParam("partnerId", partner.id()).queryParam("status", "DEAD")
                .get("/api/fulfillment/deliveries").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .contains(delivery.getString("id"));

        partnerAnswers(path, 200);
        asAdmin().post("/api/fulfillment/deliveries/" + delivery.getString("id") + "/redeliver")
                .then().statusCode(202).body("status", equalTo("PENDING"));
        awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));
        assertThat(delivery(partner, shipmentId).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(consume(shipmentId, 3)).extracting(r -> type(r.value())).containsExactly(
                "liveloop.shipment.created", "liveloop.shipment.dispatch_failed", "liveloop.shipment.dispatched");

        asAdmin().post("/api/fulfillment/deliveries/" + UUID.randomUUID() + "/redeliver")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found"));
        as(seller, "SELLER").get("/api/fulfillment/deliveries").then().statusCode(403).contentType(PROBLEM);
        asAdmin().queryParam("status", "LOST").get("/api/fulfillment/deliveries").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void goneDisablesThePartnerAndRedeliveryWaitsForItToBeEnabled() {
        String path = uniquePath();
        partnerAnswers(path, 410);
        TestPartner partner = partner(path);
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String shipmentId = awaitShipment(order, s -> s.getString("status").equals("DISPATCH_FAILED")).getString("id");

        asAdmin().get("/api/fulfillment/partners/" + partner.id()).then().statusCode(200)
                .body("enabled", equalTo(false));
        JsonPath delivery = delivery(partner, shipmentId);
        assertThat(delivery.getString("status")).isEqualTo("DEAD");
        assertThat(delivery.getInt("attemptCount")).isEqualTo(1);

        asAdmin().post("/api/fulfillment/deliveries/" + delivery.getString("id") + "/redeliver")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/partner-disabled"));
        partnerAnswers(path, 200);
        asAdmin().body(Map.of("enabled", true)).patch("/api/fulfillment/partners/" + partner.id())
                .then().statusCode(200).body("enabled", equalTo(true));
        asAdmin().post("/api/fulfillment/deliveries/" + delivery.getString("id") + "/redeliver").then().statusCode(202);
        awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));
    }

    @Test
    void duringRotationDispatchesCarryBothSignatures() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        TestPartner partner = partner(path);
        String newSecret = asAdmin().post("/api/fulfillment/partners/" + partner.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("signingSecret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(partner.secret());
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));

        LoggedRequest request = awaitReceived(path, 1);
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
        WebhookVerifier verifier = new WebhookVerifier(Clock.systemUTC());
        verifier.verify(signatureHeaders(request), request.getBody(), List.of(partner.webhookSecret()));
        verifier.verify(signatureHeaders(request), request.getBody(), List.of(WebhookSecret.parse(newSecret)));
    }
}
