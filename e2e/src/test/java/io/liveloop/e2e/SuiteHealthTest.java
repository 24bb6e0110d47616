package io.liveloop.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service of a suite started by {@code ./liveloop up} is ready and exposes its operational endpoints. */
@ExtendWith(LiveLoopSuiteExtension.class)
class SuiteHealthTest {

    static List<String> services() {
        return RunningSuite.SERVICES;
    }

    @ParameterizedTest(name = "{0} is ready")
    @MethodSource("services")
    void readinessIsUp(String service, RunningSuite suite) {
        given().baseUri(suite.url(service))
                .when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** The suite under test uses its own broker, not one that a developer's suite left running. */
    @ParameterizedTest(name = "{0} talks to the suite's own Kafka broker")
    @MethodSource("servicesWithKafka")
    void usesTheSuitesOwnBroker(String service, RunningSuite suite) {
        given().baseUri(suite.url(service))
                .when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("checks.find { it.name == 'Kafka connection health check' }.data.nodes",
                        equalTo(suite.kafkaBootstrapServers()));
    }

    static List<String> servicesWithKafka() {
        return RunningSuite.SERVICES.stream().filter(s -> !s.equals("gateway")).toList();
    }

    @ParameterizedTest(name = "{0} is live")
    @MethodSource("services")
    void livenessIsUp(String service, RunningSuite suite) {
        given().baseUri(suite.url(service))
                .when().get("/q/health/live")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @ParameterizedTest(name = "{0} serves its OpenAPI document")
    @MethodSource("services")
    void openApiDocument(String service, RunningSuite suite) {
        given().baseUri(suite.url(service))
                .accept("application/json")
                .queryParam("format", "json")
                .when().get("/q/openapi")
                .then().log().ifValidationFails()
                .statusCode(200)
                .contentType(containsString("json"))
                .body("openapi", startsWith("3."))
                .body("info.title", notNullValue());
    }

    @ParameterizedTest(name = "{0} exposes Prometheus metrics")
    @MethodSource("services")
    void prometheusMetrics(String service, RunningSuite suite) {
        // Prometheus' classic text exposition format (what a scraper gets when it asks for text/plain)
        given().baseUri(suite.url(service))
                .accept("text/plain")
                .when().get("/q/metrics")
                .then().log().ifValidationFails()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("# TYPE "))
                .body(matchesPattern("(?s).*\\njvm_\\w+(\\{[^}]*\\})? [0-9.eE+-]+\\n.*"))
                .body(not(containsString("<html")));
    }
}
