package io.liveloop.e2e;

import io.liveloop.tools.partner.PartnerSimulator;
import io.liveloop.tools.partner.Tracking;
import io.liveloop.tools.partner.ReceivedWebhook;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.liveloop.e2e.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logistics partner on a bad day, and someone pretending to be one: the partner's system answers 500 for a while
 * and the dispatch lands once it is back (the suite runs fulfillment with a 2-second retry schedule); tracking
 * webhooks that are forged, stale or replayed change nothing.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class PartnerTroubleE2ETest {

    @Test
    void aDispatchIsRetriedWhileThePartnerIsDownAndLandsWhenItRecovers(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            String shopId = people.openShop(seller, "Tea house " + tag);
            String partnerId = people.routeToPartner(seller, shopId, partner, "Flaky Express " + tag);
            String productId = people.draftProduct(seller, shopId, "普洱 Pu'er cake " + tag, 16800, 5);
            String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");

            partner.respondWith(500);
            String orderId = people.placeOrder(buyer, "puer-" + tag, skuId, 1, null).then().statusCode(201).extract().path("id");
            people.pay(buyer, orderId, "SUCCEED");
            people.awaitOrder(buyer, orderId, "PAID");

            eventually(partner::receivedCount, n -> n >= 3);
            JsonPath failing = deliveries(people, partnerId);
            assertThat(failing.getString("items[0].status")).isEqualTo("PENDING");
            assertThat(failing.getInt("items[0].attemptCount")).isGreaterThanOrEqualTo(3);
            assertThat(failing.getList("items[0].attempts.statusCode")).contains(500);
            assertThat(partner.accepted()).isEmpty();

            partner.recover();
            ReceivedWebhook request = eventually(() -> partner.acceptedFor("shipment.requested", orderId).orElse(null), m -> m != null);
            assertThat(partner.accepted()).hasSize(1); // landed once, not once per failed attempt
            JsonPath landed = eventually(() -> deliveries(people, partnerId), d -> "SUCCEEDED".equals(d.getString("items[0].status")));
            assertThat(landed.getList("items[0].attempts.statusCode")).endsWith(200);
            // every attempt carried the same message id, so the partner can tell a retry from a new request
            assertThat(landed.getString("items[0].messageId")).isNotBlank();
            eventually(() -> shipment(people, buyer, request.shipmentId()),
                    s -> "DISPATCHED".equals(s.getString("status")));
        }
    }

    @Test
    void forgedStaleAndReplayedTrackingChangeNothing(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String gateway = people.gateway();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            String shopId = people.openShop(seller, "Lamps " + tag);
            String partnerId = people.routeToPartner(seller, shopId, partner, "Steady Express " + tag);
            WebhookSecret partnerSecret = partner.secret();
            String productId = people.draftProduct(seller, shopId, "台灯 Desk lamp " + tag, 9900, 5);
            String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");
            String orderId = people.placeOrder(buyer, "lamp-" + tag, skuId, 1, null).then().statusCode(201).extract().path("id");
            people.pay(buyer, orderId, "SUCCEED");
            String shipmentId = eventually(() -> partner.acceptedFor("shipment.requested", orderId).orElse(null), m -> m != null)
                    .shipmentId();

            // Forged: signed with a key that is not the partner's.
            HttpResponse<String> forged = partner.post(gateway, partnerId, partner.tracking("shipment.delivered", shipmentId,
                    "SF" + tag, WebhookSecret.generate(), Instant.now()));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(forged.body()).contains("invalid-webhook-signature");
            // Stale: the partner's own signature, but from ten minutes ago (captured and sent again later).
            HttpResponse<String> stale = partner.post(gateway, partnerId, partner.tracking("shipment.delivered", shipmentId,
                    "SF" + tag, partnerSecret, Instant.now().minus(Duration.ofMinutes(10))));
            assertThat(stale.statusCode()).isEqualTo(401);
            JsonPath untouched = eventually(() -> shipment(people, buyer, shipmentId), s -> "DISPATCHED".equals(s.getString("status")));
            assertThat(untouched.getList("timeline")).isEmpty();
            assertThat(people.order(buyer, orderId).getString("status")).isEqualTo("PAID");

            // Replay: a genuine picked_up delivered twice counts once.
            Tracking pickedUp = partner.tracking("shipment.picked_up", shipmentId, "SF" + tag,
                    partnerSecret, Instant.now());
            assertThat(partner.post(gateway, partnerId, pickedUp).statusCode()).isEqualTo(200);
            HttpResponse<String> replay = partner.post(gateway, partnerId, pickedUp);
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).contains("\"replay\":true");
            people.awaitOrder(buyer, orderId, "SHIPPED");
            assertThat(shipment(people, buyer, shipmentId).getList("timeline")).hasSize(1);

            // Delivered, then a replay of picked_up and a late in_transit: the parcel never moves backwards.
            assertThat(partner.track(gateway, partnerId, "shipment.delivered", shipmentId, "SF" + tag)).isEqualTo(200);
            people.awaitOrder(buyer, orderId, "DELIVERED");
            assertThat(partner.post(gateway, partnerId, pickedUp).body()).contains("\"replay\":true");
            assertThat(partner.track(gateway, partnerId, "shipment.in_transit", shipmentId, "SF" + tag)).isEqualTo(200);
            JsonPath after = shipment(people, buyer, shipmentId);
            assertThat(after.getString("status")).isEqualTo("DELIVERED");
            assertThat(after.getList("timeline.type")).containsExactly("shipment.picked_up", "shipment.delivered", "shipment.in_transit");
            assertThat(after.getList("timeline.applied")).containsExactly(true, true, false);
            assertThat(people.order(buyer, orderId).getString("status")).isEqualTo("DELIVERED");
        }
    }

    private static JsonPath deliveries(Shopkeeping people, String partnerId) {
        return people.as("ops", "ADMIN").get(people.gateway() + "/api/fulfillment/deliveries?partnerId=" + partnerId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath shipment(Shopkeeping people, String buyer, String shipmentId) {
        return people.as(buyer, "BUYER").get(people.gateway() + "/api/fulfillment/shipments/" + shipmentId)
                .then().statusCode(200).extract().jsonPath();
    }
}
