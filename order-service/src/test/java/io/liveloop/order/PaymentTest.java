package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.liveloop.platform.testing.EventSchemas;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.as;
import static io.liveloop.order.OrderFixtures.awaitOrder;
import static io.liveloop.order.OrderFixtures.callBack;
import static io.liveloop.order.OrderFixtures.consume;
import static io.liveloop.order.OrderFixtures.notification;
import static io.liveloop.order.OrderFixtures.order;
import static io.liveloop.order.OrderFixtures.placedOrder;
import static io.liveloop.order.OrderFixtures.sandboxSecret;
import static io.liveloop.order.OrderFixtures.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PaymentTest {

    private final UUID buyer = UUID.randomUUID();
    private final UUID shop = UUID.randomUUID();

    @Test
    void theSandboxCallsBackAndTheOrderIsPaid() throws Exception {
        String orderId = placedOrder(buyer, Sku.of(shop, 12300)).getString("id");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("provider", "sandbox", "simulate", "SUCCEED");
        String payment = as(buyer, "BUYER").header("Idempotency-Key", key).body(body)
                .post("/api/orders/" + orderId + "/payments").then().statusCode(201)
                .body("orderId", equalTo(orderId)).body("provider", equalTo("sandbox")).body("status", equalTo("PENDING"))
                .body("amountCents", equalTo(12300)).body("providerRef", startsWith("sbx_"))
                .extract().asString();
        as(buyer, "BUYER").header("Idempotency-Key", key).body(body).post("/api/orders/" + orderId + "/payments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body(equalTo(payment));

        JsonPath paid = awaitOrder(buyer, orderId, o -> o.getString("status").equals("PAID"));
        assertThat(paid.getString("paidAt")).isNotNull();
        as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("SUCCEEDED"));

        List<ConsumerRecord<String, String>> events = consume("orders.v1", orderId, 2);
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("liveloop.order.placed", "liveloop.order.paid");
        events.forEach(r -> EventSchemas.assertValid("orders.v1", r.value()));
        JsonPath paidEvent = JsonPath.from(events.get(1).value());
        assertThat(paidEvent.getString("data.shippingAddress.city")).isEqualTo("Hangzhou");
        assertThat(paidEvent.getInt("data.shipWithinHours")).isEqualTo(48);

        // paying a paid order is an illegal move
        as(buyer, "BUYER").header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/orders/" + orderId + "/payments").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "illegal-transition")).body("currentState", equalTo("PAID"))
                .body("detail", containsString("PAID"));
    }

    @Test
    void aFailedPaymentLeavesTheOrderPayable() throws Exception {
        String orderId = placedOrder(buyer, Sku.of(shop, 500)).getString("id");
        startPayment(buyer, orderId, "FAIL");
        Instant deadline = Instant.now().plusSeconds(20);
        while (!as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then().extract().path("[0].status").equals("FAILED")) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("PENDING_PAYMENT");
        startPayment(buyer, orderId, "SUCCEED");
        awaitOrder(buyer, orderId, o -> o.getString("status").equals("PAID"));
    }

    @Test
    void notificationsAreCheckedBeforeTheyCount() throws Exception {
        String orderId = placedOrder(buyer, Sku.of(shop, 4200)).getString("id");
        String ref = startPayment(buyer, orderId, "NONE").getString("providerRef");
        String good = notification("payment.succeeded", ref, 4200);

        callBack(good, WebhookSigner.newMessageId(), Instant.now(), WebhookSecret.generate()).then().statusCode(401)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-webhook-signature"))
                .body("detail", containsString("signature"));
        callBack(good, WebhookSigner.newMessageId(), Instant.now().minusSeconds(600), sandboxSecret()).then().statusCode(401)
                .contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-webhook-signature"))
                .body("detail", containsString("before now"));
        io.restassured.RestAssured.given().contentType("application/json").body(good).post("/webhooks/payments/sandbox")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("missing webhook header"));
        callBack(notification("payment.succeeded", "sbx_nope", 4200)).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "not-found")).body("detail", containsString("sbx_nope"));
        callBack(notification("payment.succeeded", ref, 1)).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "amount-mismatch")).body("detail", containsString(ref));
        callBack("{\"type\":\"payment.succeeded\",\"data\":{}}").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation-failed"));
        io.restassured.RestAssured.given().contentType("application/json").body(good).post("/webhooks/payments/paypal")
                .then().statusCode(404).contentType(PROBLEM);
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("PENDING_PAYMENT");

        String webhookId = WebhookSigner.newMessageId();
        callBack(good, webhookId, Instant.now(), sandboxSecret()).then().statusCode(200).body("status", equalTo("processed"));
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("PAID");
        callBack(good, webhookId, Instant.now(), sandboxSecret()).then().statusCode(200).body("status", equalTo("duplicate"));
        callBack(good).then().statusCode(200).body("status", equalTo("duplicate")); // a second success for the payment
        callBack(notification("payment.failed", ref, 4200)).then().statusCode(200).body("status", equalTo("duplicate"));
        as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then()
                .body("[0].status", equalTo("SUCCEEDED")).body("[0].refunds", hasSize(0));
    }

    @Test
    void aBurstOfNotificationsLargerThanTheConnectionPoolIsProcessedInFull() throws Exception {
        // A provider catching up sends many at once: each holds a pooled connection only for its own statements,
        // so twice as many notifications as the pool has connections all take effect, none waits out the pool.
        int burst = 2 * ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        List<String> orderIds = new ArrayList<>();
        List<String> notifications = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            long price = 1000 + i;
            String orderId = placedOrder(buyer, Sku.of(shop, price)).getString("id");
            orderIds.add(orderId);
            notifications.add(notification("payment.succeeded", startPayment(buyer, orderId, "NONE").getString("providerRef"), price));
        }
        ExecutorService callers = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (String body : notifications) {
                answers.add(callers.submit(() -> {
                    go.await();
                    return callBack(body);
                }));
            }
            go.countDown();
            for (Future<Response> answer : answers) {
                answer.get(60, TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("processed"));
            }
        } finally {
            callers.shutdownNow();
        }
        for (String orderId : orderIds) {
            assertThat(order(buyer, "BUYER", orderId).getString("status")).as("order %s", orderId).isEqualTo("PAID");
            as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then().statusCode(200)
                    .body("", hasSize(1)).body("[0].status", equalTo("SUCCEEDED"));
        }
    }

    @Test
    void aSuccessAfterTheOrderWasCancelledIsRefundedAtOnce() {
        String orderId = placedOrder(buyer, Sku.of(shop, 999)).getString("id");
        String ref = startPayment(buyer, orderId, "NONE").getString("providerRef");
        as(buyer, "BUYER").body(Map.of("reason", "changed my mind")).post("/api/orders/" + orderId + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("changed my mind"));

        callBack(notification("payment.succeeded", ref, 999)).then().statusCode(200).body("status", equalTo("processed"));

        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("CANCELLED");
        as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then().statusCode(200)
                .body("[0].status", equalTo("REFUNDED")).body("[0].refunds", hasSize(1))
                .body("[0].refunds[0].amountCents", equalTo(999)).body("[0].refunds[0].reason", equalTo("order-cancelled"));
    }

    @Test
    void onlyTheBuyerPaysAndOnlyWithAKnownProvider() {
        String orderId = placedOrder(buyer, Sku.of(shop, 700)).getString("id");
        as(UUID.randomUUID(), "BUYER").header("Idempotency-Key", "x").body(Map.of("provider", "sandbox"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString(orderId));
        as(buyer, "BUYER").header("Idempotency-Key", "y").body(Map.of("provider", "cash"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "unknown-payment-provider")).body("detail", containsString("cash"));
        as(buyer, "BUYER").header("Idempotency-Key", "z").body(Map.of("provider", "sandbox", "simulate", "MAYBE"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("simulate"));
        as(buyer, "BUYER").body(Map.of("provider", "sandbox"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "idempotency-key-required"));
    }
}
