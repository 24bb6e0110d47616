package io.liveloop.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liveloop.platform.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WebhookVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_767_225_600);
    private static final byte[] BODY = "{\"type\":\"order.paid\",\"data\":{\"orderId\":\"ord_1\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookSecret secret = WebhookSecret.generate();
    private final WebhookVerifier verifier = new WebhookVerifier(clockAt(NOW));

    @Test
    void acceptsWhatTheSignerSigned() {
        SignedHeaders headers = signedAt(NOW, secret);

        assertDoesNotThrow(() -> verifier.verify(headers.asMap(), BODY, List.of(secret)));
    }

    @Test
    void looksHeadersUpIgnoringCase() {
        SignedHeaders headers = signedAt(NOW, secret);
        Map<String, String> asSentByAProxy = Map.of(
                "Webhook-Id", headers.id(), "WEBHOOK-TIMESTAMP", headers.timestamp(),
                "Webhook-Signature", headers.signature());

        assertDoesNotThrow(() -> verifier.verify(asSentByAProxy, BODY, List.of(secret)));
    }

    @Test
    void rejectsAMissingOrBlankHeaderNamingIt() {
        SignedHeaders headers = signedAt(NOW, secret);
        for (String name : List.of(SignedHeaders.ID, SignedHeaders.TIMESTAMP, SignedHeaders.SIGNATURE)) {
            Map<String, String> without = new HashMap<>(headers.asMap());
            without.remove(name);
            WebhookVerificationException missing = assertReason(Reason.MISSING_HEADERS,
                    () -> verifier.verify(without, BODY, List.of(secret)));
            assertTrue(missing.getMessage().contains(name), missing.getMessage());

            Map<String, String> blank = new HashMap<>(headers.asMap());
            blank.put(name, " ");
            assertReason(Reason.MISSING_HEADERS, () -> verifier.verify(blank, BODY, List.of(secret)));
        }
    }

    @Test
    void rejectsATimestampThatIsNotUnixSeconds() {
        SignedHeaders headers = signedAt(NOW, secret);
        for (String timestamp : List.of("2026-01-01T00:00:00Z", "1767225600.5", "soon")) {
            assertReason(Reason.BAD_TIMESTAMP,
                    () -> verifier.verify(headers.id(), timestamp, headers.signature(), BODY, List.of(secret)));
        }
    }

    @Test
    void rejectsAStaleMessageEvenWithAValidSignature() {
        SignedHeaders headers = signedAt(NOW.minus(Duration.ofMinutes(6)), secret);

        assertReason(Reason.TIMESTAMP_TOO_OLD, () -> verifier.verify(headers.asMap(), BODY, List.of(secret)));
    }

    @Test
    void rejectsAMessageFromTheFuture() {
        SignedHeaders headers = signedAt(NOW.plus(Duration.ofMinutes(6)), secret);

        assertReason(Reason.TIMESTAMP_TOO_NEW, () -> verifier.verify(headers.asMap(), BODY, List.of(secret)));
    }

    @Test
    void toleranceIsInclusiveInBothDirections() {
        Duration fiveMinutes = Duration.ofMinutes(5);
        Duration oneSecond = Duration.ofSeconds(1);

        assertDoesNotThrow(() -> verifier.verify(signedAt(NOW.minus(fiveMinutes), secret).asMap(), BODY, List.of(secret)));
        assertDoesNotThrow(() -> verifier.verify(signedAt(NOW.plus(fiveMinutes), secret).asMap(), BODY, List.of(secret)));
        assertReason(Reason.TIMESTAMP_TOO_OLD, () -> verifier.verify(
                signedAt(NOW.minus(fiveMinutes).minus(oneSecond), secret).asMap(), BODY, List.of(secret)));
        assertReason(Reason.TIMESTAMP_TOO_NEW, () -> verifier.verify(
                signedAt(NOW.plus(fiveMinutes).plus(oneSecond), secret).asMap(), BODY, List.of(secret)));
    }

    @Test
    void honoursAConfiguredTolerance() {
        WebhookVerifier strict = new WebhookVerifier(clockAt(NOW), Duration.ofSeconds(30));
        SignedHeaders oneMinuteOld = signedAt(NOW.minus(Duration.ofMinutes(1)), secret);

        assertReason(Reason.TIMESTAMP_TOO_OLD, () -> strict.verify(oneMinuteOld.asMap(), BODY, List.of(secret)));
        assertDoesNotThrow(() -> verifier.verify(oneMinuteOld.asMap(), BODY, List.of(secret)));
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() {
        WebhookSecret retired = WebhookSecret.generate();
        SignedHeaders headers = new WebhookSigner(clockAt(NOW)).sign("msg_1", BODY, List.of(retired, secret));

        assertDoesNotThrow(() -> verifier.verify(headers.asMap(), BODY, List.of(secret)));
        assertDoesNotThrow(() -> verifier.verify(headers.asMap(), BODY, List.of(retired)));
    }

    @Test
    void acceptsWhenTheSignatureMatchesAnyOfSeveralSecrets() {
        SignedHeaders headers = signedAt(NOW, secret);

        assertDoesNotThrow(() -> verifier.verify(headers.asMap(), BODY, List.of(WebhookSecret.generate(), secret)));
    }

    @Test
    void ignoresUnknownVersionsAndGarbageEntries() {
        String v1 = signedAt(NOW, secret).signature();
        String sameValueUnderAnotherVersion = "v1a," + v1.substring("v1,".length());
        SignedHeaders headers = signedAt(NOW, secret);

        assertReason(Reason.NO_MATCHING_SIGNATURE, () -> verifier.verify(headers.id(), headers.timestamp(),
                sameValueUnderAnotherVersion, BODY, List.of(secret)));
        assertDoesNotThrow(() -> verifier.verify(headers.id(), headers.timestamp(),
                sameValueUnderAnotherVersion + " v1,not*base64 nocomma " + v1, BODY, List.of(secret)));
    }

    @Test
    void refusesToVerifyWithoutSecrets() {
        SignedHeaders headers = signedAt(NOW, secret);

        assertThrows(IllegalArgumentException.class, () -> verifier.verify(headers.asMap(), BODY, List.of()));
    }

    private static SignedHeaders signedAt(Instant timestamp, WebhookSecret secret) {
        return new WebhookSigner(clockAt(NOW)).sign("msg_1", timestamp, BODY, List.of(secret));
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static WebhookVerificationException assertReason(Reason expected, Executable verification) {
        WebhookVerificationException thrown = assertThrows(WebhookVerificationException.class, verification);
        assertEquals(expected, thrown.reason(), thrown.getMessage());
        return thrown;
    }
}
