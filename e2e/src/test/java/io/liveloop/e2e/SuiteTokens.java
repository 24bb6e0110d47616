package io.liveloop.e2e;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * Bearer tokens as a mobile app gets them: the gateway's development sign-in ({@code POST /api/auth/token}),
 * one per username and role, kept for the run.
 */
final class SuiteTokens {

    private final String gateway;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    SuiteTokens(RunningSuite suite) {
        this.gateway = suite.url("gateway");
    }

    /** The user id the gateway derives from a username (the token's {@code sub}). */
    static UUID userId(String username) {
        return UUID.nameUUIDFromBytes(("liveloop-user:" + username).getBytes());
    }

    String bearer(String username, String role) {
        return issued.computeIfAbsent(username + "/" + role, key -> "Bearer " + given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", role))
                .post(gateway + "/api/auth/token")
                .then().statusCode(200).extract().path("accessToken"));
    }
}
