package io.liveloop.gateway.proxy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.liveloop.gateway.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class BodyLimitTest {

    private static final int MIB = 1024 * 1024;
    private static final String SELLER = TestTokens.bearer(UUID.randomUUID(), "SELLER");

    Upstreams upstreams;

    @BeforeEach
    void reset() {
        upstreams.resetAll();
        upstreams.catalog().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    @Test
    void aBodyOverOneMebibyteIsAPayloadTooLargeProblemAndNeverReachesTheService() {
        Response response = given().header("Authorization", SELLER).contentType("application/octet-stream")
                .body(body(MIB + 1)).post("/api/catalog/products");
        String detail = assertProblem(response, 413, "payload-too-large", "/api/catalog/products");
        assertThat(detail).contains("1048576");
        upstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void signInHasTheSameLimit() {
        assertProblem(given().contentType("application/json").body(body(MIB + 1)).post("/api/auth/token"),
                413, "payload-too-large", "/api/auth/token");
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsAlsoRefused() {
        Response response = given().header("Authorization", SELLER).contentType("application/octet-stream")
                .body(new ByteArrayInputStream(body(MIB + 4096))).post("/api/catalog/products");
        assertProblem(response, 413, "payload-too-large", "/api/catalog/products");
        List<LoggedRequest> received = upstreams.catalog().findAll(anyRequestedFor(anyUrl()));
        assertThat(received).allSatisfy(r -> assertThat(r.getBody().length).isLessThanOrEqualTo(MIB));
    }

    @Test
    void aBodyOfExactlyTheLimitPassesWhole() {
        byte[] body = body(MIB);
        given().header("Authorization", SELLER).contentType("application/octet-stream").body(body)
                .post("/api/catalog/products").then().statusCode(201);
        assertThat(upstreams.catalog().findAll(anyRequestedFor(anyUrl())).get(0).getBody()).isEqualTo(body);
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return body;
    }
}
