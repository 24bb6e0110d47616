package io.liveloop.tools.partner;

import io.liveloop.platform.webhooks.SignedHeaders;

import java.nio.charset.StandardCharsets;

/** A signed tracking webhook as it goes on the wire: the exact body bytes and the Standard Webhooks headers. */
public record Tracking(byte[] body, SignedHeaders headers) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
