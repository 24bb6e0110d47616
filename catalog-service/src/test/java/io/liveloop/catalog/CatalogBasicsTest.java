package io.liveloop.catalog;

import io.liveloop.platform.testing.ServiceBasicsTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CatalogBasicsTest extends ServiceBasicsTest {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"Database connections health check", "Kafka connection health check"};
    }

    @Test
    void documentsOperationsWithTheirErrorProblems() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/catalog/products'.post.responses.'422'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/catalog/products/{productId}/publish'.post.responses.'409'", notNullValue())
                .body("paths.'/api/catalog/products'.post.responses.'400'", notNullValue())
                .body("paths.'/internal/reservations'.post.requestBody", notNullValue());
    }
}
