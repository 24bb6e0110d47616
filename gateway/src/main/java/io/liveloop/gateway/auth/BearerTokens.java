package io.liveloop.gateway.auth;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Checks the bearer token of a request before it is proxied, with the same verification the services run
 * (SmallRye JWT: RS256 signature with the configured public key, issuer, expiry). The services check it again;
 * the gateway only turns bad requests away early and knows whom to rate-limit.
 */
@ApplicationScoped
public class BearerTokens {

    private static final String SCHEME = "Bearer ";

    private final JWTParser parser;

    public BearerTokens(JWTParser parser) {
        this.parser = parser;
    }

    /** The verified token of an {@code Authorization} header value. */
    public JsonWebToken verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenRejectedException("Send a bearer token in the Authorization header"
                    + " (POST /api/auth/token signs one in development)");
        }
        if (authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new TokenRejectedException("The Authorization header must be 'Bearer <token>'");
        }
        String token = authorization.substring(SCHEME.length()).strip();
        try {
            JsonWebToken jwt = parser.parse(token);
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new TokenRejectedException("The bearer token names no subject (sub)");
            }
            return jwt;
        } catch (ParseException e) {
            throw new TokenRejectedException(hasExpired(e) ? "The bearer token has expired; sign in again"
                    : "The bearer token is not valid: its signature, issuer or format was rejected");
        }
    }

    private static boolean hasExpired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    /** Why a request was turned away with a 401; the message is safe to show the client. */
    public static final class TokenRejectedException extends RuntimeException {
        TokenRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
