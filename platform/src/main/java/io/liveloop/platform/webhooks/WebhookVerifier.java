package io.liveloop.platform.webhooks;

import io.liveloop.platform.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verifies an incoming Standard Webhooks delivery: all three headers present, timestamp within the
 * tolerance of this clock in either direction, and at least one {@code v1} signature that matches one
 * of the given secrets (several secrets: the receiver is mid-rotation). Entries of other versions are
 * skipped, as the spec asks, so a sender may add newer schemes without breaking us.
 *
 * <p>The tolerance is inclusive: a timestamp exactly {@code tolerance} away from now is accepted, one
 * second more is not. That matches the reference implementation ({@code standardwebhooks} on npm).
 *
 * <p>Replay protection is not done here: the receiving service records each accepted
 * {@code webhook-id} in its own database, in the same transaction as the effect (inbox), and drops an
 * id it has seen. Ids need keeping only a little longer than the tolerance, since an older delivery is
 * already refused here for its timestamp.
 */
public final class WebhookVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;
    private final long toleranceSeconds;

    public WebhookVerifier(Clock clock) {
        this(clock, DEFAULT_TOLERANCE);
    }

    public WebhookVerifier(Clock clock, Duration tolerance) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("webhook timestamp tolerance must not be negative");
        }
        this.clock = clock;
        this.toleranceSeconds = tolerance.toSeconds();
    }

    /** Header names are matched ignoring case, as HTTP stacks differ in how they spell them. */
    public void verify(Map<String, String> headers, byte[] body, List<WebhookSecret> secrets) {
        verify(header(headers, SignedHeaders.ID), header(headers, SignedHeaders.TIMESTAMP),
                header(headers, SignedHeaders.SIGNATURE), body, secrets);
    }

    public void verify(String msgId, String timestamp, String signature, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            // A configuration bug on our side, not a bad delivery: it must not look like a 4xx.
            throw new IllegalArgumentException("at least one webhook secret is needed to verify");
        }
        requireHeaders(msgId, timestamp, signature);
        long timestampSeconds = checkTimestamp(timestamp);

        List<byte[]> expected = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            expected.add(WebhookSigner.computeSignature(secret, msgId, timestampSeconds, body));
        }
        for (String entry : signature.strip().split(" +")) {
            byte[] presented = decodeV1(entry);
            if (presented == null) {
                continue;
            }
            for (byte[] candidate : expected) {
                if (MessageDigest.isEqual(presented, candidate)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException(Reason.NO_MATCHING_SIGNATURE,
                "no v1 signature in " + SignedHeaders.SIGNATURE + " matches the configured secrets");
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    private static void requireHeaders(String msgId, String timestamp, String signature) {
        List<String> missing = new ArrayList<>();
        if (msgId == null || msgId.isBlank()) {
            missing.add(SignedHeaders.ID);
        }
        if (timestamp == null || timestamp.isBlank()) {
            missing.add(SignedHeaders.TIMESTAMP);
        }
        if (signature == null || signature.isBlank()) {
            missing.add(SignedHeaders.SIGNATURE);
        }
        if (!missing.isEmpty()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADERS,
                    "missing webhook header(s): " + String.join(", ", missing));
        }
    }

    private long checkTimestamp(String timestamp) {
        long timestampSeconds;
        try {
            timestampSeconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(Reason.BAD_TIMESTAMP,
                    SignedHeaders.TIMESTAMP + " is not unix seconds: '" + timestamp + "'");
        }
        long now = clock.instant().getEpochSecond();
        // Compared as bounds rather than as a difference, so an absurd timestamp cannot overflow.
        if (timestampSeconds < now - toleranceSeconds) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD,
                    SignedHeaders.TIMESTAMP + " " + timestampSeconds + " is more than " + toleranceSeconds
                            + " s before now (" + now + ")");
        }
        if (timestampSeconds > now + toleranceSeconds) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_NEW,
                    SignedHeaders.TIMESTAMP + " " + timestampSeconds + " is more than " + toleranceSeconds
                            + " s after now (" + now + ")");
        }
        return timestampSeconds;
    }

    /** The signature bytes of a {@code v1,<base64>} entry; null for other versions or garbage, which never match. */
    private static byte[] decodeV1(String entry) {
        int comma = entry.indexOf(',');
        if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
