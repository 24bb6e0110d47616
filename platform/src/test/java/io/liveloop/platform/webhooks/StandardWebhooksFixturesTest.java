package io.liveloop.platform.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.platform.webhooks.WebhookVerificationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our signer and verifier against signatures made by the reference implementation (see README.md beside the fixtures). */
class StandardWebhooksFixturesTest {

    record Fixture(String name, String secret, String id, long timestamp, String body, String signature,
            List<String> signedWith, String producedBy) {

        byte[] bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        List<WebhookSecret> signingSecrets() {
            return (signedWith == null ? List.of(secret) : signedWith).stream().map(WebhookSecret::parse).toList();
        }

        /** A clock standing at the fixture's own timestamp, so the fixture never goes stale. */
        Clock clock() {
            return Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Fixture> fixtures() throws IOException {
        try (InputStream json = StandardWebhooksFixturesTest.class
                .getResourceAsStream("/webhooks/standardwebhooks-fixtures.json")) {
            return List.of(new ObjectMapper().readValue(json, Fixture[].class));
        }
    }

    @Test
    void fixturesCoverTheCasesThatMatter() throws IOException {
        List<Fixture> fixtures = fixtures();
        assertFalse(fixtures.isEmpty());
        assertEquals(1, fixtures.stream().filter(f -> f.body().isEmpty()).count(), "an empty body");
        assertEquals(1, fixtures.stream().filter(f -> f.signedWith() != null).count(), "a multi-signature case");
        assertEquals(1, fixtures.stream().filter(f -> !f.body().chars().allMatch(c -> c < 128)).count(), "unicode");
        fixtures.forEach(f -> assertEquals(true, f.producedBy().startsWith("standardwebhooks@"), f.name()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void signerReproducesTheReferenceSignature(Fixture fixture) {
        SignedHeaders headers = new WebhookSigner(fixture.clock())
                .sign(fixture.id(), fixture.bodyBytes(), fixture.signingSecrets());

        assertEquals(new SignedHeaders(fixture.id(), Long.toString(fixture.timestamp()), fixture.signature()), headers);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void verifierAcceptsTheReferenceSignature(Fixture fixture) {
        assertDoesNotThrow(() -> verifierAt(fixture).verify(fixture.id(), Long.toString(fixture.timestamp()),
                fixture.signature(), fixture.bodyBytes(), List.of(WebhookSecret.parse(fixture.secret()))));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void tamperedBodyIsRejected(Fixture fixture) {
        byte[] tampered = (fixture.body() + " ").getBytes(StandardCharsets.UTF_8);

        assertReason(Reason.NO_MATCHING_SIGNATURE, () -> verifierAt(fixture).verify(fixture.id(),
                Long.toString(fixture.timestamp()), fixture.signature(), tampered, secretOf(fixture)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void tamperedIdIsRejected(Fixture fixture) {
        assertReason(Reason.NO_MATCHING_SIGNATURE, () -> verifierAt(fixture).verify(fixture.id() + "x",
                Long.toString(fixture.timestamp()), fixture.signature(), fixture.bodyBytes(), secretOf(fixture)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void tamperedTimestampIsRejected(Fixture fixture) {
        // One second later is well within tolerance, so only the signature can catch it.
        assertReason(Reason.NO_MATCHING_SIGNATURE, () -> verifierAt(fixture).verify(fixture.id(),
                Long.toString(fixture.timestamp() + 1), fixture.signature(), fixture.bodyBytes(), secretOf(fixture)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void wrongSecretIsRejected(Fixture fixture) {
        assertReason(Reason.NO_MATCHING_SIGNATURE, () -> verifierAt(fixture).verify(fixture.id(),
                Long.toString(fixture.timestamp()), fixture.signature(), fixture.bodyBytes(),
                List.of(WebhookSecret.generate())));
    }

    private static WebhookVerifier verifierAt(Fixture fixture) {
        return new WebhookVerifier(fixture.clock());
    }

    private static List<WebhookSecret> secretOf(Fixture fixture) {
        return List.of(WebhookSecret.parse(fixture.secret()));
    }

    private static void assertReason(Reason expected, org.junit.jupiter.api.function.Executable verification) {
        assertEquals(expected, assertThrows(WebhookVerificationException.class, verification).reason());
    }
}
