package io.liveloop.e2e;

import io.liveloop.tools.partner.PartnerSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static io.liveloop.e2e.Eventually.eventually;
import static org.hamcrest.Matchers.equalTo;

/**
 * Everyone sees and changes only their own: a buyer does not see another buyer's order or parcel (404, as if it
 * did not exist), a host cannot pin into another host's session (403: sessions are public), a seller cannot
 * change another shop's product or its stock (404, as catalog answers for what is not the caller's) — and what
 * they tried left everything as it was.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class TenancyE2ETest {

    private static final String PROBLEMS = "https://liveloop.example/problems/";

    @Test
    void nobodyReadsOrChangesWhatIsNotTheirs(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String gateway = people.gateway();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String otherSeller = "other-seller-" + tag;
        String host = "host-" + tag;
        String otherHost = "other-host-" + tag;
        String buyer = "buyer-" + tag;
        String otherBuyer = "other-buyer-" + tag;

        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            String shopId = people.openShop(seller, "Ceramics " + tag);
            people.openShop(otherSeller, "Rival ceramics " + tag);
            people.routeToPartner(seller, shopId, partner, "Careful Express " + tag);
            String productId = people.draftProduct(seller, shopId, "茶壶 Teapot " + tag, 26800, 5);
            String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");
            people.as(seller, "SELLER").body(Map.of("commissionRateBps", 1000))
                    .put(gateway + "/api/catalog/products/" + productId + "/alliance").then().statusCode(200);
            String sessionId = people.goLive(host, productId, skuId, 23800, 2);

            String orderId = people.placeOrder(buyer, "teapot-" + tag, skuId, 1, sessionId).then().statusCode(201).extract().path("id");
            people.pay(buyer, orderId, "SUCCEED");
            String shipmentId = eventually(() -> partner.acceptedFor("shipment.requested", orderId).orElse(null), m -> m != null)
                    .shipmentId();

            // Another buyer: the order, its payments and its parcel do not exist for them.
            people.as(otherBuyer, "BUYER").get(gateway + "/api/orders/" + orderId)
                    .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
            people.as(otherBuyer, "BUYER").get(gateway + "/api/orders/" + orderId + "/payments").then().statusCode(404);
            people.as(otherBuyer, "BUYER").post(gateway + "/api/orders/" + orderId + "/cancel").then().statusCode(404);
            people.as(otherBuyer, "BUYER").get(gateway + "/api/fulfillment/shipments/" + shipmentId)
                    .then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
            people.as(otherBuyer, "BUYER").get(gateway + "/api/fulfillment/shipments?orderId=" + orderId)
                    .then().statusCode(200).body("items.size()", equalTo(0));
            people.as(otherBuyer, "BUYER").get(gateway + "/api/orders")
                    .then().statusCode(200).body("items.size()", equalTo(0));

            // Another host: the session is not theirs to pin into, explain or end.
            people.pin(otherHost, sessionId, productId, skuId, 100, 99)
                    .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"));
            people.as(otherHost, "HOST").body(Map.of("productId", productId))
                    .put(gateway + "/api/live/sessions/" + sessionId + "/explaining").then().statusCode(403);
            people.as(otherHost, "HOST").post(gateway + "/api/live/sessions/" + sessionId + "/end").then().statusCode(403);

            // Another seller: the product is not theirs to change, list or take off sale (catalog answers as if the
            // product were not there for them: the same 404 its owner would get for a product that does not exist).
            people.as(otherSeller, "SELLER").body(Map.of("title", "Hijacked " + tag))
                    .patch(gateway + "/api/catalog/products/" + productId)
                    .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
            people.as(otherSeller, "SELLER").post(gateway + "/api/catalog/products/" + productId + "/delist").then().statusCode(404);
            people.as(otherSeller, "SELLER").body(Map.of("commissionRateBps", 9000))
                    .put(gateway + "/api/catalog/products/" + productId + "/alliance").then().statusCode(404);
            people.as(otherSeller, "SELLER").body(Map.of("available", 0))
                    .put(gateway + "/api/catalog/skus/" + skuId + "/stock").then().statusCode(404);

            // ...and nothing changed.
            people.as(buyer, "BUYER").get(gateway + "/api/orders/" + orderId).then().statusCode(200).body("status", equalTo("PAID"));
            people.as(buyer, "BUYER").get(gateway + "/api/catalog/products/" + productId).then().statusCode(200)
                    .body("title", equalTo("茶壶 Teapot " + tag)).body("status", equalTo("ON_SALE"))
                    .body("alliance.commissionRateBps", equalTo(1000));
            people.as(seller, "SELLER").get(gateway + "/api/catalog/skus/" + skuId + "/stock").then().statusCode(200)
                    .body("sold", equalTo(1)).body("available", equalTo(4));
            people.as(buyer, "BUYER").get(gateway + "/api/live/sessions/" + sessionId).then().statusCode(200)
                    .body("status", equalTo("LIVE")).body("bag[0].offers[0].livePriceCents", equalTo(23800));
        }
    }
}
