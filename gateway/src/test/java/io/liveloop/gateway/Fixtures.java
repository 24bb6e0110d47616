package io.liveloop.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources: the OpenAPI documents the stand-in services serve. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String openApi(String service) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/openapi/" + service + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no fixture openapi/" + service + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
