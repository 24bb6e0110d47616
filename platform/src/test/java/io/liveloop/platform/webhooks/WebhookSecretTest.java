package io.liveloop.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void generatesFreshThirtyTwoByteKeys() {
        WebhookSecret secret = WebhookSecret.generate();

        assertEquals(32, secret.key().length);
        assertNotEquals(secret, WebhookSecret.generate());
    }

    @Test
    void roundTripsThroughItsWhsecForm() {
        WebhookSecret secret = WebhookSecret.generate();

        assertTrue(secret.value().startsWith("whsec_"));
        assertEquals(secret, WebhookSecret.parse(secret.value()));
        assertArrayEquals(secret.key(), WebhookSecret.parse(secret.value()).key());
    }

    @Test
    void parsesWithOrWithoutThePrefix() {
        WebhookSecret withPrefix = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        WebhookSecret bare = WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertEquals(withPrefix, bare);
        assertArrayEquals(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), bare.key());
        assertEquals("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", bare.value());
    }

    @Test
    void rejectsWhatIsNotPaddedBase64OrIsEmpty() {
        // "whsec_abc" decodes in Java but the reference implementation refuses unpadded base64.
        for (String bad : new String[] {"whsec_not*base64!", "whsec_abc", "whsec_", "", "  "}) {
            assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(null));
    }

    @Test
    void rejectionDoesNotEchoTheSecret() {
        String almostValid = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS*";

        IllegalArgumentException rejected =
                assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_" + almostValid));

        assertFalse(rejected.getMessage().contains("MfKQ9r8G"), rejected.getMessage());
    }

    @Test
    void neverPrintsTheKey() {
        WebhookSecret secret = WebhookSecret.generate();
        String encoded = secret.value().substring("whsec_".length());

        assertFalse(secret.toString().contains(encoded), secret.toString());
        assertFalse(secret.toString().contains("whsec_"), secret.toString());
    }

    @Test
    void keyCopiesCannotChangeTheSecret() {
        WebhookSecret secret = WebhookSecret.generate();
        String before = secret.value();

        secret.key()[0] ^= 1;

        assertEquals(before, secret.value());
    }
}
