package io.liveloop.fulfillment;

import io.liveloop.fulfillment.FulfillmentFixtures.PaidOrder;
import io.liveloop.fulfillment.FulfillmentFixtures.TestPartner;
import io.liveloop.platform.testing.EventSchemas;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.fulfillment.FulfillmentFixtures.PROBLEM;
import static io.liveloop.fulfillment.FulfillmentFixtures.as;
import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitReceived;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitShipment;
import static io.liveloop.fulfillment.FulfillmentFixtures.consume;
import static io.liveloop.fulfillment.FulfillmentFixtures.event;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidAndShipped;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.partnerAnswers;
import static io.liveloop.fulfillment.FulfillmentFixtures.publish;
import static io.liveloop.fulfillment.FulfillmentFixtures.shopRoutedTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.track;
import static io.liveloop.fulfillment.FulfillmentFixtures.type;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class TrackingTest {

    private static final String SIGNATURE_PROBLEM = "https://liveloop.example/problems/invalid-webhook-signature";
    private final UUID seller = UUID.randomUUID();

    @Test
    void trackingMovesTheShipmentForwardOnlyAndEveryReportJoinsTheTimeline() {
        TestPartner partner = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);

        track(partner, partner.webhookSecret(), "shipment.picked_up", id, t0).then().statusCode(200)
                .body("accepted", equalTo(true)).body("replay", equalTo(false));
        track(partner, partner.webhookSecret(), "shipment.exception", id, t0.plusSeconds(600)).then().statusCode(200);
        shipment(id).then().body("status", equalTo("EXCEPTION"));
        track(partner, partner.webhookSecret(), "shipment.in_transit", id, t0.plusSeconds(1200)).then().statusCode(200);
        shipment(id).then().body("status", equalTo("IN_TRANSIT"));
        track(partner, partner.webhookSecret(), "shipment.delivered", id, t0.plusSeconds(3000)).then().statusCode(200);
        // late: out_for_delivery happened before delivered but arrives after it
        track(partner, partner.webhookSecret(), "shipment.out_for_delivery", id, t0.plusSeconds(2400)).then().statusCode(200);
        track(partner, partner.webhookSecret(), "shipment.exception", id, t0.plusSeconds(3100)).then().statusCode(200);

        JsonPath shipment = shipment(id).then().statusCode(200).extract().jsonPath();
        assertThat(shipment.getString("status")).isEqualTo("DELIVERED");
        assertThat(shipment.getString("trackingNumber")).isEqualTo("SF1234567890");
        assertThat(shipment.getString("pickedUpAt")).isEqualTo(t0.toString());
        assertThat(shipment.getString("deliveredAt")).isEqualTo(t0.plusSeconds(3000).toString());
        assertThat(shipment.getList("timeline.type")).containsExactly("shipment.picked_up", "shipment.exception",
                "shipment.in_transit", "shipment.out_for_delivery", "shipment.delivered", "shipment.exception");
        assertThat(shipment.getList("timeline.applied")).containsExactly(true, true, true, false, true, false);
        assertThat(shipment.getString("timeline[0].location")).isEqualTo("杭州转运中心");

        List<ConsumerRecord<String, String>> events = consume(id, 6);
        assertThat(events).extracting(r -> type(r.value())).containsExactly("liveloop.shipment.created",
                "liveloop.shipment.dispatched", "liveloop.shipment.picked_up", "liveloop.shipment.exception",
                "liveloop.shipment.in_transit", "liveloop.shipment.delivered");
        events.forEach(r -> EventSchemas.assertValid("fulfillment.shipments.v1", r.value()));
        JsonPath delivered = JsonPath.from(events.get(5).value());
        // Keyed by the order, so that an order's shipment events stay in order (issue's contract).
        assertThat(events).extracting(ConsumerRecord::key).containsOnly(order.orderId().toString());
        assertThat(delivered.getString("subject")).isEqualTo(order.orderId().toString());
        assertThat(delivered.getString("data.orderId")).isEqualTo(order.orderId().toString());
        assertThat(delivered.getString("data.occurredAt")).isEqualTo(t0.plusSeconds(3000).toString());
    }

    @Test
    void aReportThatSkipsPickupImpliesIt() {
        TestPartner partner = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        track(partner, partner.webhookSecret(), "shipment.delivered", id, Instant.now().minusSeconds(5)).then().statusCode(200);
        track(partner, partner.webhookSecret(), "shipment.picked_up", id, Instant.now().minusSeconds(60)).then().statusCode(200);
        shipment(id).then().body("status", equalTo("DELIVERED"));
        assertThat(consume(id, 4)).extracting(r -> type(r.value())).containsExactly("liveloop.shipment.created",
                "liveloop.shipment.dispatched", "liveloop.shipment.picked_up", "liveloop.shipment.delivered");
    }

    @Test
    void aReplayedWebhookIdChangesNothing() {
        TestPartner partner = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        String messageId = WebhookSigner.newMessageId();
        String body = "{\"type\":\"shipment.picked_up\",\"data\":{\"shipmentId\":\"" + id + "\",\"occurredAt\":\""
                + Instant.now() + "\"}}";
        track(partner.id(), partner.webhookSecret(), messageId, Instant.now(), body).then().statusCode(200)
                .body("replay", equalTo(false));
        track(partner.id(), partner.webhookSecret(), messageId, Instant.now(), body).then().statusCode(200)
                .body("replay", equalTo(true));
        shipment(id).then().body("status", equalTo("PICKED_UP")).body("timeline.size()", equalTo(1));
    }

    @Test
    void inboundRejections() {
        TestPartner partner = dispatchingPartner();
        TestPartner other = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        Instant now = Instant.now();

        // a secret that is not the partner's
        track(partner, WebhookSecret.generate(), "shipment.picked_up", id, now).then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo(SIGNATURE_PROBLEM)).body("status", equalTo(401))
                .body("detail", containsString("no v1 signature"));
        // signed too long ago
        String body = "{\"type\":\"shipment.picked_up\",\"data\":{\"shipmentId\":\"" + id + "\",\"occurredAt\":\"" + now + "\"}}";
        track(partner.id(), partner.webhookSecret(), WebhookSigner.newMessageId(), now.minusSeconds(301), body)
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo(SIGNATURE_PROBLEM))
                .body("detail", containsString("before now"));
        // no signature headers at all
        given().contentType("application/json").body(body).post("/webhooks/logistics/" + partner.id())
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo(SIGNATURE_PROBLEM))
                .body("detail", containsString("missing webhook header"));
        // unknown partner, or not even an id: the same answer as a bad signature
        String unknown = track(UUID.randomUUID().toString(), partner.webhookSecret(), WebhookSigner.newMessageId(), now, body)
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo(SIGNATURE_PROBLEM)).extract().path("detail");
        String badSignature = track(partner, WebhookSecret.generate(), "shipment.picked_up", id, now).then().extract().path("detail");
        assertThat(unknown).isEqualTo(badSignature);
        track("dhl", partner.webhookSecret(), WebhookSigner.newMessageId(), now, body).then().statusCode(401)
                .body("type", equalTo(SIGNATURE_PROBLEM));
        // another partner's shipment
        track(other, other.webhookSecret(), "shipment.picked_up", id, now).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found"))
                .body("detail", containsString(id));
        // malformed bodies, each field named
        track(partner.id(), partner.webhookSecret(), WebhookSigner.newMessageId(), now, "{\"type\": ").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("https://liveloop.example/problems/malformed-request"));
        track(partner.id(), partner.webhookSecret(), WebhookSigner.newMessageId(), now,
                "{\"type\":\"shipment.teleported\",\"data\":{\"shipmentId\":\"nope\",\"occurredAt\":\"yesterday\"}}")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/validation-failed"))
                .body("errors.field", equalTo(List.of("type", "data.shipmentId", "data.occurredAt")));
        track(partner.id(), partner.webhookSecret(), WebhookSigner.newMessageId(), now,
                "{\"type\":\"shipment.picked_up\",\"data\":{\"shipmentId\":\"" + id + "\"}}")
                .then().statusCode(400).body("errors[0].field", equalTo("data.occurredAt"))
                .body("detail", containsString("data.occurredAt"));
        shipment(id).then().body("status", equalTo("DISPATCHED")).body("timeline.size()", equalTo(0));
    }

    @Test
    void duringRotationBothSecretsVerifyInbound() {
        TestPartner partner = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        String fresh = asAdmin().post("/api/fulfillment/partners/" + partner.id() + "/rotate-secret")
                .then().statusCode(200).extract().path("signingSecret");
        track(partner, partner.webhookSecret(), "shipment.picked_up", id, Instant.now().minusSeconds(60)).then().statusCode(200);
        track(partner, WebhookSecret.parse(fresh), "shipment.in_transit", id, Instant.now()).then().statusCode(200);
        shipment(id).then().body("status", equalTo("IN_TRANSIT"));
    }

    @Test
    void cancellationBeforePickupCancelsAndTellsThePartnerAfterPickupFlagsForSupport() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        TestPartner partner = partner(path);
        UUID shop = shopRoutedTo(partner, seller);

        PaidOrder early = PaidOrder.of(shop);
        paidAndShipped(early);
        String earlyId = awaitShipment(early, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        publish(early.orderId(), event("liveloop.order.cancelled", early.orderId(),
                Map.of("orderId", early.orderId().toString(), "reason", "buyer changed their mind")));
        awaitShipment(early, s -> s.getString("status").equals("CANCELLED"));
        var cancelled = awaitReceived(path, 2);
        assertThat(JsonPath.from(cancelled.getBodyAsString()).getString("type")).isEqualTo("shipment.cancelled");
        assertThat(JsonPath.from(cancelled.getBodyAsString()).getString("data.shipmentId")).isEqualTo(earlyId);
        List<ConsumerRecord<String, String>> events = consume(earlyId, 3);
        assertThat(type(events.get(2).value())).isEqualTo("liveloop.shipment.cancelled");
        EventSchemas.assertValid("fulfillment.shipments.v1", events.get(2).value());

        PaidOrder late = PaidOrder.of(shop);
        paidAndShipped(late);
        String lateId = awaitShipment(late, s -> s.getString("status").equals("DISPATCHED")).getString("id");
        track(partner, partner.webhookSecret(), "shipment.picked_up", lateId, Instant.now()).then().statusCode(200);
        publish(late.orderId(), event("liveloop.order.refunded", late.orderId(), Map.of("orderId", late.orderId().toString())));
        JsonPath flagged = awaitShipment(late, s -> s.getString("supportNote") != null);
        assertThat(flagged.getString("status")).isEqualTo("PICKED_UP");
        assertThat(flagged.getString("supportNote")).contains("refunded after pickup");
    }

    @Test
    void buyerShopOwnerAndAdminSeeTheShipmentOthersDoNot() {
        TestPartner partner = dispatchingPartner();
        PaidOrder order = PaidOrder.of(shopRoutedTo(partner, seller));
        paidAndShipped(order);
        String id = awaitShipment(order, s -> true).getString("id");

        as(order.buyerId(), "BUYER").get("/api/fulfillment/shipments/" + id).then().statusCode(200).body("id", equalTo(id));
        as(order.buyerId(), "BUYER").get("/api/fulfillment/shipments").then().statusCode(200).body("items.id", hasItem(id));
        as(seller, "SELLER").get("/api/fulfillment/shipments/" + id).then().statusCode(200);
        as(seller, "SELLER").queryParam("shopId", order.shopId()).get("/api/fulfillment/shipments")
                .then().statusCode(200).body("items.id", hasItem(id));
        as(UUID.randomUUID(), "BUYER").get("/api/fulfillment/shipments/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/not-found"));
        as(UUID.randomUUID(), "BUYER").queryParam("orderId", order.orderId()).get("/api/fulfillment/shipments")
                .then().statusCode(200).body("items.size()", equalTo(0));
        UUID stranger = UUID.randomUUID();
        as(stranger, "SELLER").get("/api/fulfillment/shipments/" + id).then().statusCode(404).contentType(PROBLEM);
        as(stranger, "SELLER").queryParam("shopId", order.shopId()).get("/api/fulfillment/shipments")
                .then().statusCode(404).contentType(PROBLEM);
        as(stranger, "SELLER").get("/api/fulfillment/shipments").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/shop-required"));
        given().get("/api/fulfillment/shipments/" + id).then().statusCode(401).contentType(PROBLEM);
    }

    private TestPartner dispatchingPartner() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        return partner(path);
    }

    private static io.restassured.response.Response shipment(String id) {
        return asAdmin().get("/api/fulfillment/shipments/" + id);
    }
}
