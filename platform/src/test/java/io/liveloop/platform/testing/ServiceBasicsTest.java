package io.liveloop.platform.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every LiveLoop service answers the same way: health, metrics, its API description and problems for
 * unknown routes. A service's test extends it and adds {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsTest {

    /** Names of the readiness checks the service must run (e.g. its database and Kafka). */
    protected abstract String[] readinessChecks();

    @Test
    void isLiveAndReadyWithItsDependenciesChecked() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        var ready = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        for (String check : readinessChecks()) {
            ready.body("checks.name", hasItem(check));
        }
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void describesItsApi() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", notNullValue())
                .body("components.schemas.Problem.properties.type.format", equalTo("uri"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknownRouteIsANotFoundProblemWithTheRequestId() {
        given().header("X-Request-Id", "basics-1").get("/api/no-such-route")
                .then().statusCode(404).contentType("application/problem+json")
                .header("X-Request-Id", "basics-1")
                .body("type", equalTo("https://liveloop.example/problems/not-found"))
                .body("requestId", equalTo("basics-1"));
    }
}
