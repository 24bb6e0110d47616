package io.liveloop.platform.webhooks;

import io.liveloop.platform.problem.ProblemException;

/**
 * A webhook that must not be processed. It is a 401 problem ({@code invalid-webhook-signature}) as it stands,
 * so a receiving resource can let it propagate; the detail says which check failed, never a secret.
 */
public class WebhookVerificationException extends ProblemException {

    public enum Reason {
        MISSING_HEADERS,
        BAD_TIMESTAMP,
        TIMESTAMP_TOO_OLD,
        TIMESTAMP_TOO_NEW,
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(401, "invalid-webhook-signature", "Webhook signature not accepted", message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
