package io.liveloop.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.e2e.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A paid order's parcel on the packaged suite: fulfillment sends the partner (a simulator that verifies our
 * signature with the partner secret) a signed shipment.requested; the partner posts signed tracking webhooks
 * back through the gateway; order-service follows: SHIPPED, then DELIVERED; the buyer confirms receipt.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class DeliveryE2ETest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "韩梅梅", "phone", "13700000000",
            "province", "北京市", "city", "北京市", "district", "海淀区", "line1", "中关村大街 1 号");

    @Test
    void aPartnerCarriesAPaidOrderToTheBuyersDoor(RunningSuite suite) {
        Shopkeeping shop = new Shopkeeping(suite);
        String gateway = suite.url("gateway");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;

        try (PartnerSimulator partner = new PartnerSimulator()) {
            JsonPath created = shop.as("ops-" + tag, "ADMIN")
                    .body(Map.of("name", "Swift Express " + tag, "webhookUrl", partner.url(), "default", true))
                    .post(gateway + "/api/fulfillment/partners").then().statusCode(201).extract().jsonPath();
            String partnerId = created.getString("id");
            partner.useSecret(created.getString("signingSecret"));

            String shopId = shop.openShop(seller, "Kitchen " + tag);
            shop.as(seller, "SELLER").body(Map.of("partnerId", partnerId))
                    .put(gateway + "/api/fulfillment/shops/" + shopId + "/partner").then().statusCode(200);
            String productId = shop.draftProduct(seller, shopId, "Iron wok " + tag, 12900, 5);
            String skuId = shop.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");

            String orders = gateway + "/api/orders";
            String orderId = shop.as(buyer, "BUYER").header("Idempotency-Key", "wok-" + tag)
                    .body(Map.of("items", List.of(Map.of("skuId", skuId, "quantity", 1)), "shippingAddress", ADDRESS))
                    .post(orders).then().statusCode(201).extract().path("id");
            shop.as(buyer, "BUYER").header("Idempotency-Key", "wok-pay-" + tag).body(Map.of("provider", "sandbox"))
                    .post(orders + "/" + orderId + "/payments").then().statusCode(201);

            JsonPath request = eventually(() -> partner.accepted().stream()
                    .filter(m -> orderId.equals(m.getString("data.orderId"))).findFirst().orElse(null), m -> m != null);
            assertThat(request.getString("type")).isEqualTo("shipment.requested");
            assertThat(partner.refusedCount()).isZero();
            String shipmentId = request.getString("data.shipmentId");

            assertThat(partner.track(gateway, partnerId, "shipment.picked_up", shipmentId, "SF" + tag)).isEqualTo(200);
            eventually(() -> order(shop, buyer, orders, orderId), o -> "SHIPPED".equals(o.getString("status")));
            assertThat(partner.track(gateway, partnerId, "shipment.in_transit", shipmentId, "SF" + tag)).isEqualTo(200);
            assertThat(partner.track(gateway, partnerId, "shipment.delivered", shipmentId, "SF" + tag)).isEqualTo(200);
            eventually(() -> order(shop, buyer, orders, orderId), o -> "DELIVERED".equals(o.getString("status")));

            shop.as(buyer, "BUYER").get(gateway + "/api/fulfillment/shipments/" + shipmentId)
                    .then().statusCode(200).body("status", equalTo("DELIVERED"));
            shop.as(buyer, "BUYER").post(orders + "/" + orderId + "/confirm-receipt")
                    .then().statusCode(200).body("status", equalTo("COMPLETED"));
        }
    }

    private static JsonPath order(Shopkeeping shop, String buyer, String orders, String orderId) {
        return shop.as(buyer, "BUYER").get(orders + "/" + orderId).then().statusCode(200).extract().jsonPath();
    }
}
