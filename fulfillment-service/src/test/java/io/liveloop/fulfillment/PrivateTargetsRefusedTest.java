package io.liveloop.fulfillment;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.liveloop.fulfillment.FulfillmentFixtures.PROBLEM;
import static io.liveloop.fulfillment.FulfillmentFixtures.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** As in production: partner endpoints on internal addresses are refused. */
@QuarkusTest
@TestProfile(PrivateTargetsRefusedTest.Production.class)
class PrivateTargetsRefusedTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fulfillment.webhooks.allow-private-targets", "false");
        }
    }

    @Test
    void internalWebhookTargetsAreRefused() {
        for (String url : new String[] {"http://127.0.0.1:8084/q/health", "http://localhost/hooks",
                "http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hooks", "http://[::1]/hooks",
                "https://192.168.1.20:8443/hooks"}) {
            asAdmin().body(Map.of("name", "Prober", "webhookUrl", url)).post("/api/fulfillment/partners")
                    .then().statusCode(422).contentType(PROBLEM)
                    .body("type", equalTo("https://liveloop.example/problems/webhook-target-not-allowed"))
                    .body("status", equalTo(422))
                    .body("detail", containsString("internal address"));
        }
        String id = asAdmin().body(Map.of("name", "Public", "webhookUrl", "https://203.0.113.10/hooks"))
                .post("/api/fulfillment/partners").then().statusCode(201).extract().path("id");
        asAdmin().body(Map.of("webhookUrl", "http://127.0.0.1/hooks")).patch("/api/fulfillment/partners/" + id)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://liveloop.example/problems/webhook-target-not-allowed"));
    }
}
