package io.liveloop.fulfillment.rest;

import io.liveloop.fulfillment.config.FulfillmentConfig;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reads {@code ?since=} of the performance endpoints: an ISO-8601 instant, by default the configured window. */
@ApplicationScoped
public class PerformanceWindow {

    private final FulfillmentConfig config;
    private final Clock clock;

    public PerformanceWindow(FulfillmentConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Instant since(String since) {
        if (since == null || since.isBlank()) {
            return clock.instant().minus(config.sla().defaultPerformanceWindow());
        }
        try {
            return Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            String message = "must be an ISO-8601 UTC time such as 2026-05-01T00:00:00Z";
            throw new ProblemException(400, "validation-failed", "Request is not valid", "since: " + message,
                    List.of(new Problem.FieldError("since", message)), Map.of());
        }
    }
}
