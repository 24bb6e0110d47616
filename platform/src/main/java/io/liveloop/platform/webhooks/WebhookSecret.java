package io.liveloop.platform.webhooks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the HMAC key bytes.
 * Holds the key only; {@link #toString()} never prints it, so a secret that ends up in a log line or
 * an exception message stays secret.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";

    /** 32 bytes: the HMAC-SHA256 block size is 64, and the spec recommends keys of 24 to 64 bytes. */
    private static final int GENERATED_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook secret must not be empty");
        }
        this.key = key;
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** Accepts {@code whsec_<base64>} or the bare base64, as partners hand out either. */
    public static WebhookSecret parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be empty");
        }
        String encoded = text.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        // Padding is required, as the reference implementation requires it: a secret we accept must
        // also work for a partner who verifies with that library.
        if (encoded.length() % 4 != 0) {
            throw notBase64();
        }
        try {
            return new WebhookSecret(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException badBase64) {
            // The decoder's own message quotes the offending character; keep the secret out of it.
            throw notBase64();
        }
    }

    private static IllegalArgumentException notBase64() {
        return new IllegalArgumentException("webhook secret is not padded base64 (expected whsec_<base64>)");
    }

    /** The {@code whsec_<base64>} form, to store or hand to the receiving side. */
    public String value() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A copy, so no caller can change the key under a signer or verifier that shares this secret. */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + key.length + " bytes, redacted]";
    }
}
