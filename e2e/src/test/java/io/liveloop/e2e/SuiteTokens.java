package io.liveloop.e2e;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Bearer tokens for the suite under test, signed with the development key pair that {@code ./liveloop up}
 * generated for it (the services trust its public key): the same tokens the gateway's development sign-in
 * issues, with {@code sub} derived from the username.
 */
final class SuiteTokens {

    private final PrivateKey key;
    private final String issuer;

    SuiteTokens(RunningSuite suite) {
        this.key = readPrivateKey(Path.of(suite.property("jwt.private.key")));
        this.issuer = suite.property("jwt.issuer");
    }

    static UUID userId(String username) {
        return UUID.nameUUIDFromBytes(("liveloop-user:" + username).getBytes());
    }

    String bearer(String username, String role) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(userId(username).toString());
        claims.setClaim("upn", username);
        claims.setStringListClaim("groups", List.of(role));
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(3600).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return "Bearer " + jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static PrivateKey readPrivateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA PKCS#8 key: " + pem, e);
        }
    }
}
