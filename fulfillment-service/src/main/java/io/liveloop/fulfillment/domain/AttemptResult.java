package io.liveloop.fulfillment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt gave: a status code (null when there was no answer), or an error, and the partner's
 * Retry-After when it sent one with 429/503.
 */
public record AttemptResult(Instant attemptedAt, Integer statusCode, long latencyMs, String error,
                            String responseExcerpt, Duration retryAfter) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the endpoint is not coming back; Standard Webhooks says to stop sending to it. */
    public boolean endpointGone() {
        return statusCode != null && statusCode == 410;
    }
}
