package io.liveloop.livestream.messaging;

import io.liveloop.livestream.LiveFixtures.CatalogProductView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.liveloop.livestream.LiveFixtures.as;
import static io.liveloop.livestream.LiveFixtures.liveSession;
import static io.liveloop.livestream.LiveFixtures.orderEvent;
import static io.liveloop.livestream.LiveFixtures.pin;
import static io.liveloop.livestream.LiveFixtures.pinnableProduct;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll's order events as the consumer gets them (one list, one transaction), handed to it directly so that the
 * test decides what shares a batch: several events of one order, and the same event twice, in one batch. The way
 * through Kafka is what StatsResourceTest drives.
 */
@QuarkusTest
class OrderEventBatchesTest {

    private final OrderEventsConsumer consumer;
    private final UUID host = UUID.randomUUID();

    OrderEventBatchesTest(OrderEventsConsumer consumer) {
        this.consumer = consumer;
    }

    @Test
    void eventsOfOneOrderInOneBatchCountInOrderAndEachOnce() {
        String sessionId = liveSession(host);
        CatalogProductView product = pinnableProduct(host);
        pin(host, sessionId, product);
        Object[] twoUnits = {product.id, product.skuA, 2, 15900};
        UUID paid = UUID.randomUUID();
        UUID refunded = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        String paidEvent = event("liveloop.order.paid", paid, sessionId, 3000, twoUnits);
        List<String> batch = List.of(
                event("liveloop.order.placed", paid, sessionId, 3000, twoUnits), paidEvent, paidEvent,
                event("liveloop.order.placed", refunded, sessionId, 0, twoUnits),
                event("liveloop.order.paid", refunded, sessionId, 0, twoUnits),
                event("liveloop.order.refunded", refunded, sessionId, 0, twoUnits),
                event("liveloop.order.placed", cancelled, sessionId, 0, twoUnits),
                event("liveloop.order.cancelled", cancelled, sessionId, 0, twoUnits));

        consumer.onOrderEvents(batch);
        consumer.onOrderEvents(batch); // delivered again: nothing counts twice

        JsonPath stats = as(host, "HOST").get("/api/live/sessions/" + sessionId + "/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getLong("ordersPlaced")).isEqualTo(2);
        assertThat(stats.getLong("ordersPaid")).isEqualTo(1);
        assertThat(stats.getLong("unitsSold")).isEqualTo(2);
        assertThat(stats.getLong("gmvCents")).isEqualTo(31800);
        assertThat(stats.getLong("commissionCents")).isEqualTo(3000);
    }

    private static String event(String type, UUID orderId, String sessionId, long commissionCents, Object[] line) {
        return orderEvent(UUID.randomUUID().toString(), type, orderId, sessionId, commissionCents, line);
    }
}
