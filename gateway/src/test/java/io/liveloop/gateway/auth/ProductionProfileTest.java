package io.liveloop.gateway.auth;

import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;

/** The gateway as production runs it: no development sign-in. Also: a service that is not running at all. */
@QuarkusTest
@TestProfile(ProductionProfileTest.Production.class)
class ProductionProfileTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liveloop.auth.sign-in.enabled", "false",
                    "liveloop.services.order-url", "http://127.0.0.1:" + closedPort());
        }
    }

    @Test
    void signInIsNotFound() {
        assertProblem(given().contentType("application/json").body("{\"username\":\"mallory\",\"role\":\"ADMIN\"}")
                .post("/api/auth/token"), 404, "not-found", "/api/auth/token");
    }

    @Test
    void aServiceThatIsNotRunningIsABadGatewayProblem() {
        assertProblem(given().header("Authorization", TestTokens.bearer(UUID.randomUUID(), "BUYER")).get("/api/orders"),
                502, "bad-gateway", "/api/orders");
        assertProblem(given().contentType("application/json").body("{}").post("/webhooks/payments/mockpay"),
                502, "bad-gateway", "/webhooks/payments/mockpay");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
