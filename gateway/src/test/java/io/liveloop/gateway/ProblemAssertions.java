package io.liveloop.gateway;

import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 9457 body every error path of the gateway answers with, asserted whole. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts the problem and returns its detail for further checks. */
    public static String assertProblem(Response response, int status, String slug, String instance) {
        assertThat(response.statusCode()).as("status of %s", response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("https://liveloop.example/problems/" + slug);
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
        assertThat(response.jsonPath().getString("instance")).isEqualTo(instance);
        assertThat(response.jsonPath().getString("requestId")).isNotBlank()
                .isEqualTo(response.header("X-Request-Id"));
        return response.jsonPath().getString("detail");
    }
}
