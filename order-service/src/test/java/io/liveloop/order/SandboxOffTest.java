package io.liveloop.order;

import io.liveloop.order.OrderFixtures.Sku;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.liveloop.order.OrderFixtures.PROBLEM;
import static io.liveloop.order.OrderFixtures.PROBLEMS;
import static io.liveloop.order.OrderFixtures.as;
import static io.liveloop.order.OrderFixtures.callBack;
import static io.liveloop.order.OrderFixtures.notification;
import static io.liveloop.order.OrderFixtures.order;
import static io.liveloop.order.OrderFixtures.placedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Where the sandbox is switched off (production), nobody pays with make-believe money, nor claims to have. */
@QuarkusTest
@TestProfile(SandboxOffTest.SandboxOff.class)
class SandboxOffTest {

    public static class SandboxOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("order.sandbox.enabled", "false");
        }
    }

    @Test
    void theSandboxIsNeitherOfferedNorListenedTo() {
        UUID buyer = UUID.randomUUID();
        String orderId = placedOrder(buyer, Sku.of(UUID.randomUUID(), 1500)).getString("id");

        as(buyer, "BUYER").header("Idempotency-Key", "sandbox-off").body(Map.of("provider", "sandbox"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "unknown-payment-provider")).body("detail", containsString("sandbox"));
        callBack(notification("payment.succeeded", "sbx_any", 1500)).then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("sandbox"));
        assertThat(order(buyer, "BUYER", orderId).getString("status")).isEqualTo("PENDING_PAYMENT");
    }
}
