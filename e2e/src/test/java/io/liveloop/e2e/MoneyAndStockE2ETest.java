package io.liveloop.e2e;

import io.liveloop.tools.partner.PartnerSimulator;
import io.liveloop.tools.partner.ReceivedWebhook;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.liveloop.e2e.Eventually.eventually;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Money and stock under the ways apps and providers really behave: retried requests, a buyer's fast thumb, orders
 * nobody pays, a provider whose success arrives too late, and a buyer who changes their mind after paying.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class MoneyAndStockE2ETest {

    @Test
    void aRetriedOrderIsTheSameOrderAndAReusedKeyWithAnotherBodyIsRefused(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        String productId = people.draftProduct(seller, people.openShop(seller, "Tea house " + tag), "龙井 Longjing tea " + tag, 8800, 10);
        String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");

        JsonPath first = people.placeOrder(buyer, "retry-" + tag, skuId, 2, null)
                .then().statusCode(201).extract().jsonPath();
        JsonPath retried = people.placeOrder(buyer, "retry-" + tag, skuId, 2, null)
                .then().statusCode(201).extract().jsonPath();
        assertThat(retried.getString("id")).isEqualTo(first.getString("id"));
        assertThat(retried.getLong("totalCents")).isEqualTo(17600);

        people.placeOrder(buyer, "retry-" + tag, skuId, 3, null)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://liveloop.example/problems/idempotency-key-reused"));
        assertThat(people.stock(seller, skuId)).containsEntry("available", 8).containsEntry("reserved", 2);
        assertThat(people.as(buyer, "BUYER").get(people.gateway() + "/api/orders").then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);
    }

    @Test
    void fiveOrdersAtOnceGetNoMoreThanTheLiveOffersPerBuyerLimit(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String host = "host-" + tag;
        String buyer = "buyer-" + tag;
        String shopId = people.openShop(seller, "Hairpins " + tag);
        String productId = people.draftProduct(seller, shopId, "发簪 Hairpin " + tag, 3900, 50);
        String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'M' }.id");
        people.as(seller, "SELLER").body(Map.of("commissionRateBps", 1500))
                .put(people.gateway() + "/api/catalog/products/" + productId + "/alliance").then().statusCode(200);
        String sessionId = people.goLive(host, productId, skuId, 2900, 2);

        List<Response> answers;
        ExecutorService thumbs = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Response>> taps = IntStream.range(0, 5).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                await(go);
                return people.placeOrder(buyer, "tap-" + i + "-" + tag, skuId, 1, sessionId);
            }, thumbs)).toList();
            go.countDown();
            answers = taps.stream().map(CompletableFuture::join).toList();
        } finally {
            thumbs.shutdownNow();
        }

        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(2)
                .allSatisfy(r -> assertThat(r.jsonPath().getLong("items[0].unitPriceCents")).isEqualTo(2900));
        assertThat(answers.stream().filter(r -> r.statusCode() != 201)).hasSize(3).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.jsonPath().getString("type")).isEqualTo("https://liveloop.example/problems/purchase-limit-exceeded");
        });
        assertThat(people.stock(seller, skuId)).containsEntry("available", 48).containsEntry("reserved", 2);
    }

    @Test
    void unpaidOrdersLapseTheirStockComesBackAndALatePaymentIsRefunded(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        String productId = people.draftProduct(seller, people.openShop(seller, "Porcelain " + tag), "青瓷杯 Celadon cup " + tag, 4500, 5);
        String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'M' }.id");

        String forgotten = people.placeOrder(buyer, "forgotten-" + tag, skuId, 3, null).then().statusCode(201).extract().path("id");
        String slowlyPaid = people.placeOrder(buyer, "slow-" + tag, skuId, 1, null).then().statusCode(201).extract().path("id");
        assertThat(people.stock(seller, skuId)).containsEntry("available", 1).containsEntry("reserved", 4);
        // The provider takes the charge but its success notification only comes after the order has lapsed.
        JsonPath payment = people.pay(buyer, slowlyPaid, "NONE");

        for (String orderId : List.of(forgotten, slowlyPaid)) {
            assertThat(people.awaitOrder(buyer, orderId, "CANCELLED").getString("cancelReason")).isEqualTo("payment-timeout");
        }
        eventually(() -> people.stock(seller, skuId), s -> s.get("available") == 5 && s.get("reserved") == 0);

        String notification = "{\"type\":\"payment.succeeded\",\"data\":{\"providerRef\":\"" + payment.getString("providerRef")
                + "\",\"amountCents\":4500}}";
        byte[] body = notification.getBytes(StandardCharsets.UTF_8);
        SignedHeaders signed = new WebhookSigner(Clock.systemUTC()).sign(WebhookSigner.newMessageId(), body,
                List.of(WebhookSecret.parse(RunningSuite.SANDBOX_PAYMENT_SECRET)));
        given().contentType("application/json").headers(signed.asMap()).body(body)
                .post(people.gateway() + "/webhooks/payments/sandbox").then().statusCode(200);

        JsonPath payments = eventually(() -> people.as(buyer, "BUYER").get(people.gateway() + "/api/orders/" + slowlyPaid + "/payments")
                .then().statusCode(200).extract().jsonPath(), p -> "REFUNDED".equals(p.getString("[0].status")));
        assertThat(payments.getLong("[0].refunds[0].amountCents")).isEqualTo(4500);
        assertThat(people.order(buyer, slowlyPaid).getString("status")).isEqualTo("CANCELLED");
        assertThat(people.stock(seller, skuId)).containsEntry("available", 5).containsEntry("sold", 0);
    }

    @Test
    void aPaidOrderCancelledBeforePickupIsRefundedThePartnerToldAndTheStockBack(RunningSuite suite) {
        Shopkeeping people = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String buyer = "buyer-" + tag;
        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            String shopId = people.openShop(seller, "Kitchen " + tag);
            people.routeToPartner(seller, shopId, partner, "Swift Express " + tag);
            String productId = people.draftProduct(seller, shopId, "铁锅 Iron wok " + tag, 12900, 5);
            String skuId = people.passAndPublish(seller, productId).getString("skus.find { it.skuCode == 'S' }.id");

            String orderId = people.placeOrder(buyer, "wok-" + tag, skuId, 1, null).then().statusCode(201).extract().path("id");
            people.pay(buyer, orderId, "SUCCEED");
            people.awaitOrder(buyer, orderId, "PAID");
            eventually(() -> partner.acceptedFor("shipment.requested", orderId).orElse(null), m -> m != null);
            eventually(() -> people.stock(seller, skuId), s -> s.get("sold") == 1);

            people.as(buyer, "BUYER").body(Map.of("reason", "ordered the wrong size"))
                    .post(people.gateway() + "/api/orders/" + orderId + "/cancel")
                    .then().statusCode(200).body("status", equalTo("REFUNDED"));

            ReceivedWebhook cancelled = eventually(() -> partner.acceptedFor("shipment.cancelled", orderId).orElse(null), m -> m != null);
            assertThat(cancelled.shipmentId())
                    .isEqualTo(partner.acceptedFor("shipment.requested", orderId).orElseThrow().shipmentId());
            people.as(buyer, "BUYER").get(people.gateway() + "/api/orders/" + orderId + "/payments").then().statusCode(200)
                    .body("[0].status", equalTo("REFUNDED")).body("[0].refunds[0].amountCents", equalTo(12900));
            eventually(() -> people.stock(seller, skuId), s -> s.get("available") == 5 && s.get("sold") == 0);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
