package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.liveloop.order.service.OrderService;
import io.liveloop.platform.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.as;
import static io.liveloop.order.OrderFixtures.awaitOrder;
import static io.liveloop.order.OrderFixtures.consume;
import static io.liveloop.order.OrderFixtures.event;
import static io.liveloop.order.OrderFixtures.order;
import static io.liveloop.order.OrderFixtures.placedOrder;
import static io.liveloop.order.OrderFixtures.publish;
import static io.liveloop.order.OrderFixtures.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OrderLifecycleTest {

    private static final String SHIPMENTS = "fulfillment.shipments.v1";

    private final UUID buyer = UUID.randomUUID();
    private final UUID shop = UUID.randomUUID();
    private final OrderService orders;
    private final DataSource db;

    OrderLifecycleTest(OrderService orders, DataSource db) {
        this.orders = orders;
        this.db = db;
    }

    @Test
    void anUnpaidOrderPastPayByIsCancelledAndSaysSo() throws Exception {
        String orderId = placedOrder(buyer, Sku.of(shop, 100)).getString("id");
        String untouched = placedOrder(buyer, Sku.of(shop, 100)).getString("id");
        sql("update orders set pay_by = now() - interval '1 minute' where id = ?", orderId);

        orders.cancelUnpaidPastPayBy();

        order(buyer, "BUYER", orderId).getString("status");
        as(buyer, "BUYER").get("/api/orders/" + orderId).then().body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("payment-timeout")).body("cancelledAt", notNullValue());
        assertThat(order(buyer, "BUYER", untouched).getString("status")).isEqualTo("PENDING_PAYMENT");
        List<ConsumerRecord<String, String>> events = consume("orders.v1", orderId, 2);
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("liveloop.order.placed", "liveloop.order.cancelled");
        events.forEach(r -> EventSchemas.assertValid("orders.v1", r.value()));
        assertThat(JsonPath.from(events.get(1).value()).getString("data.reason")).isEqualTo("payment-timeout");

        // a cancelled order can be neither paid nor cancelled again
        as(buyer, "BUYER").header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("provider", "sandbox"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "illegal-transition")).body("currentState", equalTo("CANCELLED"));
        as(buyer, "BUYER").body(Map.of()).post("/api/orders/" + orderId + "/cancel").then().statusCode(409)
                .contentType(PROBLEM).body("currentState", equalTo("CANCELLED"));
    }

    @Test
    void shipmentsMoveTheOrderForwardOnlyAndTheBuyerCompletesIt() throws Exception {
        String orderId = paidOrder();
        UUID shipment = UUID.randomUUID();
        as(buyer, "BUYER").post("/api/orders/" + orderId + "/confirm-receipt").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "illegal-transition")).body("currentState", equalTo("PAID"));

        String pickedUp = shipmentEvent("liveloop.shipment.picked_up", shipment, orderId);
        publish(SHIPMENTS, shipment, pickedUp, pickedUp);
        awaitOrder(buyer, orderId, o -> o.getString("status").equals("SHIPPED"));
        as(buyer, "BUYER").body(Map.of()).post("/api/orders/" + orderId + "/cancel").then().statusCode(409)
                .contentType(PROBLEM).body("currentState", equalTo("SHIPPED"));

        publish(SHIPMENTS, shipment, shipmentEvent("liveloop.shipment.delivered", shipment, orderId),
                shipmentEvent("liveloop.shipment.picked_up", shipment, orderId)); // a late picked_up
        JsonPath delivered = awaitOrder(buyer, orderId, o -> o.getString("status").equals("DELIVERED"));
        Thread.sleep(500); // give a wrong move back time to show
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("DELIVERED");
        assertThat(delivered.getString("shippedAt")).isNotNull();

        as(buyer, "BUYER").post("/api/orders/" + orderId + "/confirm-receipt").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("completedAt", notNullValue());
        as(buyer, "BUYER").post("/api/orders/" + orderId + "/confirm-receipt").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("COMPLETED"));
        as(UUID.randomUUID(), "BUYER").post("/api/orders/" + orderId + "/confirm-receipt").then().statusCode(404);

        List<ConsumerRecord<String, String>> events = consume("orders.v1", orderId, 3);
        assertThat(events.get(2).value()).contains("liveloop.order.completed");
        EventSchemas.assertValid("orders.v1", events.get(2).value());
    }

    @Test
    void deliveredBeforePickedUpArrivesStillDeliversAndLongDeliveredOrdersComplete() throws Exception {
        String orderId = paidOrder();
        UUID shipment = UUID.randomUUID();
        publish(SHIPMENTS, shipment, shipmentEvent("liveloop.shipment.delivered", shipment, orderId));
        awaitOrder(buyer, orderId, o -> o.getString("status").equals("DELIVERED"));

        sql("update orders set delivered_at = now() - interval '8 days' where id = ?", orderId);
        orders.completeLongDeliveredOrders();
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void aBuyerCancellingAPaidOrderGetsARefund() throws Exception {
        String orderId = paidOrder();
        as(buyer, "BUYER").body(Map.of("reason", "wrong size")).post("/api/orders/" + orderId + "/cancel").then()
                .statusCode(200).body("status", equalTo("REFUNDED")).body("refundedAt", notNullValue());
        as(buyer, "BUYER").get("/api/orders/" + orderId + "/payments").then()
                .body("[0].status", equalTo("REFUNDED")).body("[0].refunds[0].reason", equalTo("wrong size"));

        List<ConsumerRecord<String, String>> events = consume("orders.v1", orderId, 3);
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("liveloop.order.placed", "liveloop.order.paid", "liveloop.order.refunded");
        events.forEach(r -> EventSchemas.assertValid("orders.v1", r.value()));
        assertThat(JsonPath.from(events.get(2).value()).getLong("data.refundedCents")).isEqualTo(2500);

        as(buyer, "BUYER").body(Map.of()).post("/api/orders/" + orderId + "/cancel").then().statusCode(409)
                .contentType(PROBLEM).body("currentState", equalTo("REFUNDED"));
    }

    private String paidOrder() throws Exception {
        String orderId = placedOrder(buyer, Sku.of(shop, 2500)).getString("id");
        startPayment(buyer, orderId, "SUCCEED");
        awaitOrder(buyer, orderId, o -> o.getString("status").equals("PAID"));
        return orderId;
    }

    private static String shipmentEvent(String type, UUID shipment, String orderId) {
        return event(type, shipment, "{\"shipmentId\":\"" + shipment + "\",\"orderId\":\"" + orderId
                + "\",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    private void sql(String statement, String orderId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, UUID.fromString(orderId));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
