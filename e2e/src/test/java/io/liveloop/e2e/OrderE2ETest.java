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
 * Money on the packaged suite: a buyer orders a published product, pays with the sandbox provider (which calls
 * order-service back with a signed notification) and the order is PAID; an order left unpaid lapses after the
 * suite's short payment timeout and its stock is back in catalog (order-service → orders.v1 → catalog).
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class OrderE2ETest {

    private static final Map<String, Object> ADDRESS = Map.of("recipient", "王小明", "phone", "13800000000",
            "province", "浙江省", "city", "杭州市", "district", "西湖区", "line1", "文三路 100 号");

    @Test
    void aBuyerOrdersAndPaysAndTheOrderIsPaid(RunningSuite suite) {
        Shopkeeping shop = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        String productId = shop.draftProduct(seller, shop.openShop(seller, "Tea house " + tag), "Longjing tea " + tag, 8800, 10);
        String skuId = shop.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");
        String orders = suite.url("gateway") + "/api/orders";

        String orderId = shop.as(buyer, "BUYER").header("Idempotency-Key", "order-" + tag)
                .body(Map.of("items", List.of(Map.of("skuId", skuId, "quantity", 2)), "shippingAddress", ADDRESS))
                .post(orders)
                .then().statusCode(201)
                .body("status", equalTo("PENDING_PAYMENT"))
                .body("items[0].unitPriceCents", equalTo(8800))
                .body("totalCents", equalTo(17600))
                .extract().path("id");
        assertThat(shop.stock(seller, skuId)).containsEntry("available", 8).containsEntry("reserved", 2);

        shop.as(buyer, "BUYER").header("Idempotency-Key", "pay-" + tag).body(Map.of("provider", "sandbox"))
                .post(orders + "/" + orderId + "/payments")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("amountCents", equalTo(17600));

        JsonPath paid = eventually(() -> shop.as(buyer, "BUYER").get(orders + "/" + orderId).then().statusCode(200)
                .extract().jsonPath(), order -> "PAID".equals(order.getString("status")));
        assertThat(paid.getString("paidAt")).isNotNull();
        eventually(() -> shop.stock(seller, skuId), stock -> stock.get("sold") == 2 && stock.get("reserved") == 0);
    }

    @Test
    void anUnpaidOrderLapsesAndItsStockComesBack(RunningSuite suite) {
        Shopkeeping shop = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        String productId = shop.draftProduct(seller, shop.openShop(seller, "Porcelain " + tag), "Celadon cup " + tag, 4500, 5);
        String skuId = shop.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'M' }.id");
        String orders = suite.url("gateway") + "/api/orders";

        String orderId = shop.as(buyer, "BUYER").header("Idempotency-Key", "order-" + tag)
                .body(Map.of("items", List.of(Map.of("skuId", skuId, "quantity", 3)), "shippingAddress", ADDRESS))
                .post(orders)
                .then().statusCode(201).extract().path("id");
        assertThat(shop.stock(seller, skuId)).containsEntry("available", 2);

        JsonPath lapsed = eventually(() -> shop.as(buyer, "BUYER").get(orders + "/" + orderId).then().statusCode(200)
                .extract().jsonPath(), order -> "CANCELLED".equals(order.getString("status")));
        assertThat(lapsed.getString("cancelReason")).isEqualTo("payment-timeout");
        eventually(() -> shop.stock(seller, skuId), stock -> stock.get("available") == 5 && stock.get("reserved") == 0);
    }
}
