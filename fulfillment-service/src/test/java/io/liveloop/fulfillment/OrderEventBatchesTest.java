package io.liveloop.fulfillment;

import io.liveloop.fulfillment.FulfillmentFixtures.PaidOrder;
import io.liveloop.fulfillment.messaging.OrderEventsConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitShipment;
import static io.liveloop.fulfillment.FulfillmentFixtures.event;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidEvent;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.partnerAnswers;
import static io.liveloop.fulfillment.FulfillmentFixtures.received;
import static io.liveloop.fulfillment.FulfillmentFixtures.shopRoutedTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A poll's records as the consumer gets them (one list, handled in one transaction), handed to it directly so that
 * the test decides what shares a batch. The way through Kafka is what the other tests of this module drive.
 */
@QuarkusTest
class OrderEventBatchesTest {

    private final OrderEventsConsumer consumer;
    private final UUID seller = UUID.randomUUID();

    OrderEventBatchesTest(OrderEventsConsumer consumer) {
        this.consumer = consumer;
    }

    @Test
    void aBatchIsHandledInOrderAndEachEventOnce() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        UUID shop = shopRoutedTo(partner(path), seller);
        PaidOrder kept = PaidOrder.of(shop);
        PaidOrder cancelled = PaidOrder.of(shop);
        String paid = paidEvent(kept);
        List<String> batch = List.of(
                event("liveloop.order.placed", kept.orderId(), Map.of("orderId", kept.orderId().toString())),
                paid, paid, paidEvent(kept), // the same event twice, then the payment announced again
                paidEvent(cancelled),
                event("liveloop.order.cancelled", cancelled.orderId(),
                        Map.of("orderId", cancelled.orderId().toString(), "reason", "buyer changed their mind")));

        consumer.onOrderEvents(batch);
        consumer.onOrderEvents(batch); // delivered again: nothing happens twice

        awaitShipment(kept, s -> s.getString("status").equals("DISPATCHED"));
        assertThat(shipmentsOf(kept)).hasSize(1);
        assertThat(awaitShipment(cancelled, s -> true).getString("status")).isEqualTo("CANCELLED");
        assertThat(shipmentsOf(cancelled)).hasSize(1);
        // The cancelled shipment's request was withdrawn in the transaction that queued it: the partner never
        // heard of it, so it gets neither the request nor a cancellation.
        assertThat(received(path)).extracting(r -> JsonPath.from(r.getBodyAsString()).getString("data.orderId"))
                .containsExactly(kept.orderId().toString());
    }

    @Test
    void whenABatchFailsTheEventsBeforeTheFailingOneAreHandledAndNoneAfterIt() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        UUID shop = shopRoutedTo(partner(path), seller);
        PaidOrder before = PaidOrder.of(shop);
        PaidOrder failing = PaidOrder.of(shop);
        PaidOrder after = PaidOrder.of(shop);
        // PostgreSQL refuses \u0000 in jsonb: this shipment can never be stored, however often it is retried.
        String poison = paidEvent(failing).replace("夏季碎花连衣裙", "\\u0000");

        assertThatThrownBy(() -> consumer.onOrderEvents(List.of(paidEvent(before), poison, paidEvent(after))))
                .isInstanceOf(RuntimeException.class);

        awaitShipment(before, s -> true);
        assertThat(shipmentsOf(failing)).isEmpty();
        // Not skipped past: the batch stays unacknowledged, so Kafka delivers it again, and a later event of the
        // failing order cannot overtake it.
        assertThat(shipmentsOf(after)).isEmpty();
    }

    private static List<Object> shipmentsOf(PaidOrder order) {
        return asAdmin().queryParam("orderId", order.orderId()).get("/api/fulfillment/shipments")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }
}
