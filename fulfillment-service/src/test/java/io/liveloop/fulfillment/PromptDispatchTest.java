package io.liveloop.fulfillment;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.fulfillment.FulfillmentFixtures.PaidOrder;
import io.liveloop.fulfillment.FulfillmentFixtures.TestPartner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitReceived;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitShipment;
import static io.liveloop.fulfillment.FulfillmentFixtures.delivery;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidAndShipped;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidEvent;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.partnerAnswers;
import static io.liveloop.fulfillment.FulfillmentFixtures.publish;
import static io.liveloop.fulfillment.FulfillmentFixtures.received;
import static io.liveloop.fulfillment.FulfillmentFixtures.shopRoutedTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender is woken when a delivery is committed, not by its poll: here the poll comes every ten minutes, so
 * anything sent within the tests' 30 s waits was sent because it was queued.
 */
@QuarkusTest
@TestProfile(PromptDispatchTest.RarePoll.class)
class PromptDispatchTest {

    public static class RarePoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fulfillment.webhooks.poll-every", "10m", "fulfillment.webhooks.max-in-flight", "2");
        }
    }

    private final UUID seller = UUID.randomUUID();

    @Test
    void aShipmentRequestLeavesAsSoonAsItIsQueued() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        TestPartner partner = partner(path);
        UUID shop = shopRoutedTo(partner, seller);
        // The scheduler's first poll runs a second after start; this order may meet it, the next one cannot.
        paidAndShipped(PaidOrder.of(shop));
        awaitReceived(path, 1);

        PaidOrder order = PaidOrder.of(shop);
        paidAndShipped(order);

        awaitReceived(path, 2);
        JsonPath shipment = awaitShipment(order, s -> s.getString("status").equals("DISPATCHED"));
        Instant created = Instant.parse(shipment.getString("createdAt"));
        Instant attempted = Instant.parse(delivery(partner, shipment.getString("id")).getString("attempts[0].attemptedAt"));
        assertThat(Duration.between(created, attempted)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBacklogDeeperThanTheSlotsIsSentAsSlotsComeFree() {
        String path = uniquePath();
        // Slow enough that both slots are busy while the rest are queued.
        WireMockServers.server().stubFor(post(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        TestPartner partner = partner(path);
        UUID shop = shopRoutedTo(partner, seller);
        List<PaidOrder> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            PaidOrder order = PaidOrder.of(shop);
            orders.add(order);
            publish(order.orderId(), paidEvent(order));
        }

        awaitReceived(path, 6);
        List<LoggedRequest> requests = received(path);
        assertThat(requests).extracting(r -> JsonPath.from(r.getBodyAsString()).getString("data.orderId"))
                .containsExactlyInAnyOrderElementsOf(orders.stream().map(o -> o.orderId().toString()).toList());
    }
}
