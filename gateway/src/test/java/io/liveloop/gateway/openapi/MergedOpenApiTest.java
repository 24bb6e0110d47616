package io.liveloop.gateway.openapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liveloop.gateway.Fixtures;
import io.liveloop.gateway.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@QuarkusTest
class MergedOpenApiTest {

    /** The linter, run as the issue asks; pinned so that a new release's rules cannot break the build unannounced. */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    Upstreams upstreams;

    @BeforeEach
    void serveTheServicesDocuments() {
        upstreams.resetAll();
        Map<WireMockServer, String> documents = Map.of(upstreams.catalog(), "catalog", upstreams.order(), "order",
                upstreams.fulfillment(), "fulfillment");
        documents.forEach((server, name) -> server.stubFor(get(urlPathEqualTo("/q/openapi"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(Fixtures.openApi(name)))));
    }

    @Test
    void mergesEveryServicesPublicOperationsWithTheGatewaysOwn() {
        Response response = given().get("/openapi");
        response.then().statusCode(200).contentType("application/json");
        JsonPath doc = response.jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys(
                "/api/auth/token", "/openapi",
                "/api/catalog/products", "/api/catalog/products/{productId}",
                "/api/orders", "/api/orders/{orderId}", "/webhooks/payments/{provider}",
                "/api/live/sessions/{sessionId}", "/api/live/sessions/{sessionId}/feed",
                "/api/fulfillment/shipments", "/webhooks/logistics/{partnerId}");
        assertThat(paths).doesNotContainKeys("/internal/products/{productId}", "/q/openapi", "/swagger-ui");
        assertThat(doc.getMap("paths.'/api/catalog/products'")).containsKeys("get", "post");
        assertThat(doc.getMap("paths.'/api/orders'")).containsKeys("get", "post");
        assertThat(doc.getList("x-liveloop-unavailable")).isNull();

        // catalog and fulfillment define Item alike: kept once; order's differs: renamed, and its references follow
        Map<String, Object> schemas = doc.getMap("components.schemas");
        assertThat(schemas).containsKeys("Item", "OrderItem", "Problem", "Product", "Order", "Shipment", "TokenResponse");
        assertThat(doc.getMap("components.schemas.OrderItem.properties")).containsKey("priceCents");
        assertThat(doc.getMap("components.schemas.Item.properties")).containsKey("skuId");
        assertThat(doc.getString("components.schemas.Order.properties.lines.items.'$ref'")).isEqualTo("#/components/schemas/OrderItem");
        assertThat(doc.getString("components.schemas.Shipment.properties.items.items.'$ref'")).isEqualTo("#/components/schemas/Item");

        // bearer tokens everywhere but sign-in, the document itself and webhooks
        assertThat(doc.getString("components.securitySchemes.bearerToken.scheme")).isEqualTo("bearer");
        assertThat(doc.getList("paths.'/api/auth/token'.post.security")).isEmpty();
        assertThat(doc.getList("paths.'/webhooks/payments/{provider}'.post.security")).isEmpty();
        assertThat(doc.getList("paths.'/api/orders'.post.security")).isNull();
    }

    @Test
    void lintsCleanWithRedocly() throws Exception {
        String document = given().get("/openapi").then().statusCode(200).extract().asString();
        Path file = Files.createTempFile("liveloop-openapi", ".json");
        try {
            Files.writeString(file, document);
            List<String> command = new ArrayList<>(redocly());
            command.addAll(List.of("lint", "--format=stylish", file.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean done = process.waitFor(180, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                process.destroyForcibly();
                fail("redocly lint did not finish in 180 s:\n" + output);
            }
            assertThat(process.exitValue()).as("redocly lint of the merged document:\n%s", output).isZero();
            // Only the test's localhost server URL may be warned about: everything else is the merge's doing.
            assertThat(output.lines().filter(line -> line.contains(" warning ") || line.contains(" error ")))
                    .as(output).allMatch(line -> line.contains("no-server-example.com"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aServiceThatIsDownIsLeftOutAndNamed() {
        upstreams.order().resetAll(); // answers 404 to /q/openapi now
        JsonPath doc = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getList("x-liveloop-unavailable")).containsExactly("order-service");
        assertThat(doc.getMap("paths")).containsKey("/api/catalog/products").doesNotContainKey("/api/orders");
    }

    @Test
    void swaggerUiShowsTheMergedDocument() {
        given().redirects().follow(false).get("/swagger-ui").then().statusCode(302).header("Location", org.hamcrest.Matchers.endsWith("/q/swagger-ui/"));
        String config = given().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertThat(config).contains("/openapi");
    }

    /** A local install (LIVELOOP_REDOCLY, or /tmp/redocly), else npx; neither is a failure that says what to install. */
    private static List<String> redocly() throws IOException, InterruptedException {
        String configured = System.getenv("LIVELOOP_REDOCLY");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured);
        }
        File local = new File("/tmp/redocly/node_modules/.bin/redocly");
        if (local.canExecute()) {
            return List.of(local.getPath());
        }
        try {
            Process probe = new ProcessBuilder("npx", "--version").redirectErrorStream(true).start();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return List.of("npx", "--yes", REDOCLY);
            }
        } catch (IOException notInstalled) {
            // reported below
        }
        fail("Linting the merged OpenAPI document needs Redocly CLI: install Node.js 20+ (which brings npx), or set "
                + "LIVELOOP_REDOCLY to a redocly executable (e.g. `npm install --prefix /tmp/redocly " + REDOCLY + "`)");
        return List.of();
    }
}
