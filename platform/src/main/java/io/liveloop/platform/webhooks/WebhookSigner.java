package io.liveloop.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outgoing webhooks the Standard Webhooks way: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 * Signing with several secrets yields one space-separated {@code v1,} entry per secret, which lets a
 * partner rotate secrets without a window in which deliveries fail.
 */
public final class WebhookSigner {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private final Clock clock;

    public WebhookSigner(Clock clock) {
        this.clock = clock;
    }

    /** A fresh id; it stays the same across retries of one message, so receivers can drop replays. */
    public static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    public SignedHeaders sign(String msgId, byte[] body, List<WebhookSecret> secrets) {
        return sign(msgId, clock.instant(), body, secrets);
    }

    /** Takes the timestamp explicitly for callers that must sign what they already recorded. */
    public SignedHeaders sign(String msgId, Instant timestamp, byte[] body, List<WebhookSecret> secrets) {
        if (msgId == null || msgId.isBlank()) {
            throw new IllegalArgumentException("webhook message id must not be blank");
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed to sign");
        }
        long timestampSeconds = timestamp.getEpochSecond();
        String signature = secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(
                        computeSignature(secret, msgId, timestampSeconds, body)))
                .collect(Collectors.joining(" "));
        return new SignedHeaders(msgId, Long.toString(timestampSeconds), signature);
    }

    /** The one place the signed content is defined, shared with {@link WebhookVerifier}. */
    static byte[] computeSignature(WebhookSecret secret, String msgId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.key(), HMAC_SHA256));
            mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            // The raw bytes as sent: a re-serialised JSON body would sign (or check) a different message.
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
