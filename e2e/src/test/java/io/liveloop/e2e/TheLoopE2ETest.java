package io.liveloop.e2e;

import io.liveloop.tools.api.RoomFeed;
import io.liveloop.tools.partner.PartnerSimulator;
import io.liveloop.tools.partner.ReceivedWebhook;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static io.liveloop.e2e.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The closed loop on the packaged suite, every call through the gateway as the apps and the partner make them:
 * supply (shop, product, quality check, publish, alliance pool), the live room (a host who is not the shop's
 * pins the product with a live offer and explains it; a viewer's feed follows), the sale (order at the live price,
 * sandbox payment), the parcel (signed shipment.requested verified by the partner, signed tracking back: SHIPPED,
 * DELIVERED), the buyer's confirmation (COMPLETED), and the figures (session stats with the host's commission,
 * catalog's stock).
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class TheLoopE2ETest {

    @Test
    void aProductGoesFromTheShopThroughTheLiveRoomToTheBuyersDoor(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String gateway = suite.url("gateway");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String host = "host-" + tag;
        String buyer = "buyer-" + tag;

        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            // Supply: a shop, a product with two SKUs, the inspector's pass, on sale, in the alliance pool at 20 %.
            String shopId = people.openShop(seller, "Silk road " + tag);
            String partnerId = people.routeToPartner(seller, shopId, partner, "Swift Express " + tag);
            String productId = people.draftProduct(seller, shopId, "真丝围巾 Silk scarf " + tag, 20000, 10);
            JsonPath product = people.passAndPublish(seller, productId);
            assertThat(product.getList("skus")).hasSize(2);
            String skuId = product.getString("skus.find { it.skuCode == 'S' }.id");
            people.as(seller, "SELLER").body(Map.of("commissionRateBps", 2000))
                    .put(gateway + "/api/catalog/products/" + productId + "/alliance")
                    .then().statusCode(200).body("alliance.commissionRateBps", equalTo(2000));

            // The live room: a host the shop never authorised sells it through the alliance; a viewer watches.
            String roomId = people.as(host, "HOST").body(Map.of("title", "Scarves live " + tag))
                    .post(gateway + "/api/live/rooms").then().statusCode(201).extract().path("id");
            String sessionId = people.as(host, "HOST").body(Map.of("title", "Evening show"))
                    .post(gateway + "/api/live/rooms/" + roomId + "/sessions").then().statusCode(201).extract().path("id");
            people.as(host, "HOST").post(gateway + "/api/live/sessions/" + sessionId + "/start")
                    .then().statusCode(200).body("status", equalTo("LIVE"));

            try (RoomFeed feed = RoomFeed.open(gateway + "/api/live/sessions/" + sessionId + "/feed",
                    people.tokens().bearer(buyer, "BUYER").substring("Bearer ".length()))) {
                awaitEvent(feed, "snapshot", sessionId);
                people.pin(host, sessionId, productId, skuId, 15000, 2)
                        .then().statusCode(201).body("offers[0].livePriceCents", equalTo(15000));
                awaitEvent(feed, "pinned", productId);
                people.as(host, "HOST").body(Map.of("productId", productId))
                        .put(gateway + "/api/live/sessions/" + sessionId + "/explaining").then().statusCode(200);
                awaitEvent(feed, "explaining", productId);
                Shopkeeping.awaitOfferInOrderService();

                // The sale: at the live price, with the host's commission; the stock is held until payment.
                String orderId = people.placeOrder(buyer, "loop-" + tag, skuId, 2, sessionId)
                        .then().statusCode(201)
                        .body("status", equalTo("PENDING_PAYMENT"))
                        .body("items[0].unitPriceCents", equalTo(15000))
                        .body("totalCents", equalTo(30000))
                        .body("hostId", equalTo(SuiteTokens.userId(host).toString()))
                        .body("commissionCents", equalTo(6000))
                        .extract().path("id");
                assertThat(people.stock(seller, skuId)).containsEntry("available", 8).containsEntry("reserved", 2);
                assertThat(people.pay(buyer, orderId, "SUCCEED").getLong("amountCents")).isEqualTo(30000);
                assertThat(people.awaitOrder(buyer, orderId, "PAID").getString("paidAt")).isNotNull();
                awaitEvent(feed, "sale", "\"quantity\":2");
                awaitEvent(feed, "stock", "\"available\":8");

                // The parcel: the partner gets a request it can verify, and reports the journey, signed.
                ReceivedWebhook request = eventually(() -> partner.acceptedFor("shipment.requested", orderId).orElse(null), m -> m != null);
                assertThat(partner.refusedCount()).isZero();
                String shipmentId = request.shipmentId();
                assertThat(partner.track(gateway, partnerId, "shipment.picked_up", shipmentId, "SF" + tag)).isEqualTo(200);
                people.awaitOrder(buyer, orderId, "SHIPPED");
                assertThat(partner.track(gateway, partnerId, "shipment.in_transit", shipmentId, "SF" + tag)).isEqualTo(200);
                assertThat(partner.track(gateway, partnerId, "shipment.delivered", shipmentId, "SF" + tag)).isEqualTo(200);
                people.awaitOrder(buyer, orderId, "DELIVERED");
                people.as(buyer, "BUYER").get(gateway + "/api/fulfillment/shipments/" + shipmentId).then().statusCode(200)
                        .body("status", equalTo("DELIVERED")).body("trackingNumber", equalTo("SF" + tag))
                        .body("timeline.size()", equalTo(3));

                people.as(buyer, "BUYER").post(gateway + "/api/orders/" + orderId + "/confirm-receipt")
                        .then().statusCode(200).body("status", equalTo("COMPLETED"));
            }

            // The figures: the session's stats and catalog's stock agree with what was sold.
            JsonPath stats = eventually(() -> people.as(host, "HOST").get(gateway + "/api/live/sessions/" + sessionId + "/stats")
                    .then().statusCode(200).extract().jsonPath(), s -> s.getLong("ordersPaid") == 1);
            assertThat(stats.getLong("ordersPlaced")).isEqualTo(1);
            assertThat(stats.getLong("unitsSold")).isEqualTo(2);
            assertThat(stats.getLong("gmvCents")).isEqualTo(30000);
            assertThat(stats.getLong("commissionCents")).isEqualTo(6000);
            eventually(() -> people.stock(seller, skuId),
                    s -> s.get("sold") == 2 && s.get("reserved") == 0 && s.get("available") == 8);
        }
    }

    /** Waits until the viewer's feed has shown an event of this name whose data contains {@code fragment}. */
    private static void awaitEvent(RoomFeed feed, String name, String fragment) {
        eventually(feed::events, events -> events.stream().anyMatch(e -> e.name().equals(name) && e.data().contains(fragment)));
    }
}
