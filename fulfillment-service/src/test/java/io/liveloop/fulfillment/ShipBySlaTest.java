package io.liveloop.fulfillment;

import io.liveloop.fulfillment.FulfillmentFixtures.PaidOrder;
import io.liveloop.fulfillment.FulfillmentFixtures.TestPartner;
import io.liveloop.fulfillment.service.OverdueSweeper;
import io.liveloop.platform.testing.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.liveloop.fulfillment.FulfillmentFixtures.PROBLEM;
import static io.liveloop.fulfillment.FulfillmentFixtures.as;
import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static io.liveloop.fulfillment.FulfillmentFixtures.awaitShipment;
import static io.liveloop.fulfillment.FulfillmentFixtures.consume;
import static io.liveloop.fulfillment.FulfillmentFixtures.paidAndShipped;
import static io.liveloop.fulfillment.FulfillmentFixtures.partner;
import static io.liveloop.fulfillment.FulfillmentFixtures.partnerAnswers;
import static io.liveloop.fulfillment.FulfillmentFixtures.shopRoutedTo;
import static io.liveloop.fulfillment.FulfillmentFixtures.track;
import static io.liveloop.fulfillment.FulfillmentFixtures.type;
import static io.liveloop.fulfillment.FulfillmentFixtures.uniquePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ShipBySlaTest {

    private final OverdueSweeper sweeper;
    private final UUID seller = UUID.randomUUID();

    ShipBySlaTest(OverdueSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Test
    void overdueFlaggingAndPerformanceFiguresOnAKnownDataSet() {
        String path = uniquePath();
        partnerAnswers(path, 200);
        TestPartner partner = partner(path);
        UUID shop = shopRoutedTo(partner, seller);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // on time: paid 10 h ago, 24 h to ship, picked up after 2 h, delivered after 6 h
        PaidOrder onTime = new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shop, now.minus(10, ChronoUnit.HOURS), 24);
        // late: paid 50 h ago, 24 h to ship, picked up after 30 h, delivered after 40 h
        PaidOrder late = new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shop, now.minus(50, ChronoUnit.HOURS), 24);
        // overdue: paid 30 h ago, 24 h to ship, not picked up
        PaidOrder overdue = new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shop, now.minus(30, ChronoUnit.HOURS), 24);
        // not yet due: paid an hour ago, 48 h to ship
        PaidOrder fresh = new PaidOrder(UUID.randomUUID(), UUID.randomUUID(), shop, now.minus(1, ChronoUnit.HOURS), 48);

        String onTimeId = paidAndShipped(onTime).getString("id");
        String lateId = paidAndShipped(late).getString("id");
        String overdueId = paidAndShipped(overdue).getString("id");
        String freshId = paidAndShipped(fresh).getString("id");
        track(partner, partner.webhookSecret(), "shipment.picked_up", onTimeId, now.minus(8, ChronoUnit.HOURS)).then().statusCode(200);
        track(partner, partner.webhookSecret(), "shipment.delivered", onTimeId, now.minus(4, ChronoUnit.HOURS)).then().statusCode(200);
        track(partner, partner.webhookSecret(), "shipment.picked_up", lateId, now.minus(20, ChronoUnit.HOURS)).then().statusCode(200);
        track(partner, partner.webhookSecret(), "shipment.delivered", lateId, now.minus(10, ChronoUnit.HOURS)).then().statusCode(200);

        sweeper.flagOverdueShipments();

        awaitShipment(overdue, s -> s.getBoolean("overdue"));
        assertThat(awaitShipment(fresh, s -> true).getBoolean("overdue")).isFalse();
        assertThat(awaitShipment(late, s -> true).getBoolean("overdue")).isFalse(); // picked up, late, but not waiting
        asAdmin().queryParam("overdue", true).queryParam("shopId", shop).get("/api/fulfillment/shipments")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(overdueId)));
        as(seller, "SELLER").queryParam("overdue", true).queryParam("shopId", shop).get("/api/fulfillment/shipments")
                .then().statusCode(200).body("items.id", equalTo(java.util.List.of(overdueId)));
        asAdmin().queryParam("overdue", true).get("/api/fulfillment/shipments")
                .then().statusCode(200).body("items.id", hasItem(overdueId)).body("items.id", not(hasItem(freshId)));
        as(UUID.randomUUID(), "BUYER").queryParam("overdue", true).get("/api/fulfillment/shipments")
                .then().statusCode(403).contentType(PROBLEM);

        var events = consume(overdueId, 3);
        assertThat(events).extracting(r -> type(r.value())).contains("liveloop.shipment.overdue");
        events.forEach(r -> EventSchemas.assertValid("fulfillment.shipments.v1", r.value()));
        sweeper.flagOverdueShipments(); // flagged once only
        assertThat(consume(overdueId, 4)).extracting(r -> type(r.value())).containsOnlyOnce("liveloop.shipment.overdue");

        for (String url : new String[] {"/api/fulfillment/shops/" + shop + "/performance",
                "/api/fulfillment/partners/" + partner.id() + "/performance"}) {
            JsonPath figures = asAdmin().get(url).then().statusCode(200).extract().jsonPath();
            assertThat(figures.getLong("shipments")).isEqualTo(4);
            assertThat(figures.getLong("pickedUpOnTime")).isEqualTo(1);
            assertThat(figures.getLong("pickedUpLate")).isEqualTo(1);
            assertThat(figures.getLong("overdueNow")).isEqualTo(1);
            assertThat(figures.getDouble("onTimeRate")).isEqualTo(0.3333);
            assertThat(figures.getDouble("medianHoursToPickup")).isEqualTo(16.0);
            assertThat(figures.getDouble("medianHoursToDelivery")).isEqualTo(23.0);
        }
        as(seller, "SELLER").get("/api/fulfillment/shops/" + shop + "/performance").then().statusCode(200)
                .body("shipments", equalTo(4));
        as(UUID.randomUUID(), "SELLER").get("/api/fulfillment/shops/" + shop + "/performance").then().statusCode(404)
                .contentType(PROBLEM);
        as(seller, "SELLER").get("/api/fulfillment/partners/" + partner.id() + "/performance").then().statusCode(403);
        asAdmin().queryParam("since", Instant.now().plusSeconds(60).toString()).get("/api/fulfillment/shops/" + shop + "/performance")
                .then().statusCode(200).body("shipments", equalTo(0));
        asAdmin().queryParam("since", "last week").get("/api/fulfillment/shops/" + shop + "/performance")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("since"));
    }
}
