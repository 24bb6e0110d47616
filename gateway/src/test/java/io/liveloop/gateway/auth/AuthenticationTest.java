package io.liveloop.gateway.auth;

import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AuthenticationTest {

    Upstreams upstreams;

    @BeforeEach
    void reset() {
        upstreams.resetAll();
        upstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void missingExpiredForgedAndWrongIssuerTokensAreRejectedBeforeProxying() {
        UUID user = UUID.randomUUID();
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> cases = Map.of(
                "expired", "Bearer " + TestTokens.token(user, "BUYER", TestTokens.ISSUER, Instant.now().minus(Duration.ofMinutes(10)), TestTokens.signingKey()),
                "forged", "Bearer " + TestTokens.token(user, "BUYER", TestTokens.ISSUER, inAnHour, TestTokens.foreignKey()),
                "wrong-issuer", "Bearer " + TestTokens.token(user, "BUYER", "https://evil.example/auth", inAnHour, TestTokens.signingKey()),
                "not-a-jwt", "Bearer not.a.jwt",
                "basic", "Basic dXNlcjpwYXNz");
        cases.forEach((name, header) -> {
            Response response = given().header("Authorization", header).get("/api/catalog/products");
            String detail = assertProblem(response, 401, "unauthorized", "/api/catalog/products");
            assertThat(response.header("WWW-Authenticate")).as(name).startsWith("Bearer");
            if (name.equals("expired")) {
                assertThat(detail).contains("expired");
            }
        });
        String missing = assertProblem(given().get("/api/catalog/products"), 401, "unauthorized", "/api/catalog/products");
        assertThat(missing).contains("/api/auth/token");
        // Every /api/** route needs a token, whatever the method
        assertProblem(given().post("/api/orders"), 401, "unauthorized", "/api/orders");
        assertProblem(given().get("/api/live/sessions/s1/feed"), 401, "unauthorized", "/api/live/sessions/s1/feed");
        assertProblem(given().delete("/api/fulfillment/partners/p1"), 401, "unauthorized", "/api/fulfillment/partners/p1");

        upstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
        upstreams.order().verify(0, anyRequestedFor(anyUrl()));
        upstreams.fulfillment().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void signInSignsAnRs256TokenThatTheMatchingPublicKeyVerifiesAndTheGatewayAccepts() throws Exception {
        Response response = given().contentType("application/json").body("{\"username\":\"alice\",\"role\":\"SELLER\"}")
                .post("/api/auth/token");
        response.then().statusCode(200);
        String token = response.jsonPath().getString("accessToken");
        assertThat(response.jsonPath().getString("tokenType")).isEqualTo("Bearer");
        Instant expiresAt = Instant.parse(response.jsonPath().getString("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofHours(7)), Instant.now().plus(Duration.ofHours(9)));

        PublicKey publicKey = KeyUtils.decodePublicKey(Files.readString(TestTokens.publicKeyFile()));
        JsonWebToken jwt = new DefaultJWTParser(new JWTAuthContextInfo(publicKey, TestTokens.ISSUER)).parse(token);
        assertThat(jwt.getSubject()).isEqualTo(UUID.nameUUIDFromBytes("liveloop-user:alice".getBytes()).toString());
        assertThat(jwt.getName()).isEqualTo("alice");
        assertThat(jwt.getGroups()).containsExactly("SELLER");
        assertThat(jwt.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(jwt.getExpirationTime()).isEqualTo(expiresAt.getEpochSecond());
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]))).contains("RS256");

        // The same username always gets the same id
        String again = given().contentType("application/json").body("{\"username\":\"alice\",\"role\":\"BUYER\"}")
                .post("/api/auth/token").jsonPath().getString("accessToken");
        assertThat(new DefaultJWTParser(new JWTAuthContextInfo(publicKey, TestTokens.ISSUER)).parse(again).getSubject())
                .isEqualTo(jwt.getSubject());

        // and the token opens the API, passed on as it came
        given().header("Authorization", "Bearer " + token).get("/api/catalog/products").then().statusCode(200);
        assertThat(upstreams.catalog().findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void signInRejectsUnknownRolesAndBlankNamesWithProblems() {
        assertProblem(given().contentType("application/json").body("{\"username\":\"bob\",\"role\":\"GOD\"}")
                .post("/api/auth/token"), 400, "malformed-request", "/api/auth/token");
        Response blank = given().contentType("application/json").body("{\"username\":\"\",\"role\":\"BUYER\"}").post("/api/auth/token");
        assertProblem(blank, 400, "validation-failed", "/api/auth/token");
        assertThat(blank.jsonPath().getList("errors.field")).contains("username");
    }
}
