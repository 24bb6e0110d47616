package io.liveloop.platform.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Signs JWTs as the gateway would, with a key pair made for this test JVM; the services under test verify
 * them with its public key ({@link LiveLoopTestResource} configures that).
 */
public final class TestTokens {

    public static final String ISSUER = "https://liveloop.example/auth";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** An {@code Authorization} header value for {@code userId} in {@code role}. */
    public static String bearer(UUID userId, String role) {
        return "Bearer " + token(userId, role, ISSUER, Instant.now().plus(Duration.ofHours(1)), KEYS.getPrivate());
    }

    public static String token(UUID userId, String role, String issuer, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(issuer)
                .subject(userId.toString())
                .upn("user-" + userId.toString().substring(0, 8))
                .groups(Set.of(role))
                .issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(expiresAt)
                .jws().keyId("test")
                .sign(key);
    }

    public static PrivateKey signingKey() {
        return KEYS.getPrivate();
    }

    /** A key pair the services do not trust, for forged-token tests. */
    public static PrivateKey foreignKey() {
        return generate().getPrivate();
    }

    /** The public key as a PEM file, written once per JVM. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("liveloop-test-jwt", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
