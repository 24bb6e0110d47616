package io.liveloop.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSigner signer =
            new WebhookSigner(Clock.fixed(Instant.ofEpochSecond(1_767_225_600, 999_000_000), ZoneOffset.UTC));

    @Test
    void stampsTheClockTimeInWholeSeconds() {
        SignedHeaders headers = signer.sign("msg_1", BODY, List.of(WebhookSecret.generate()));

        assertEquals("msg_1", headers.id());
        assertEquals("1767225600", headers.timestamp());
    }

    @Test
    void writesOneV1EntryPerSecretInOrder() {
        WebhookSecret first = WebhookSecret.generate();
        WebhookSecret second = WebhookSecret.generate();

        String[] entries = signer.sign("msg_1", BODY, List.of(first, second)).signature().split(" ");

        assertEquals(2, entries.length);
        assertEquals(signer.sign("msg_1", BODY, List.of(first)).signature(), entries[0]);
        assertEquals(signer.sign("msg_1", BODY, List.of(second)).signature(), entries[1]);
        assertTrue(entries[0].startsWith("v1,"));
    }

    @Test
    void signsTheRawBodyBytes() {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] compact = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] spaced = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

        assertNotEquals(signer.sign("msg_1", compact, List.of(secret)).signature(),
                signer.sign("msg_1", spaced, List.of(secret)).signature());
    }

    @Test
    void refusesToSignWithoutSecretsOrId() {
        assertThrows(IllegalArgumentException.class, () -> signer.sign("msg_1", BODY, List.of()));
        assertThrows(IllegalArgumentException.class, () -> signer.sign(" ", BODY, List.of(WebhookSecret.generate())));
    }

    @Test
    void messageIdsArePrefixedAndUnique() {
        String id = WebhookSigner.newMessageId();

        assertTrue(id.matches("msg_[0-9a-f]{32}"), id);
        assertNotEquals(id, WebhookSigner.newMessageId());
    }
}
