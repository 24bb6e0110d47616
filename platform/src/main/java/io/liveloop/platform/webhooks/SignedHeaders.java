package io.liveloop.platform.webhooks;

import java.util.Map;

/** The three Standard Webhooks header values that go out with one delivery. */
public record SignedHeaders(String id, String timestamp, String signature) {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    public Map<String, String> asMap() {
        return Map.of(ID, id, TIMESTAMP, timestamp, SIGNATURE, signature);
    }
}
