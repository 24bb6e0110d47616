package io.liveloop.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.liveloop.gateway.config.AuthConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks the bearer token of a request before it is proxied, with the same verification the services run
 * (SmallRye JWT: RS256 signature with the configured public key, issuer, expiry). The services check it again;
 * the gateway only turns bad requests away early and knows whom to rate-limit.
 *
 * <p>A verified token is remembered (by its exact text) until the earlier of its expiry and a short TTL: its
 * signature and issuer cannot change, so what is left to check on the next request is the time, and an app's
 * requests stop paying an RS256 verification each. Rejected tokens are not remembered.
 */
@ApplicationScoped
public class BearerTokens {

    private static final String SCHEME = "Bearer ";

    /** What the gateway needs of a verified token: whom it names, and until when it holds. */
    private record Verified(String subject, Instant expiresAt) {
    }

    private final JWTParser parser;
    private final Clock clock;
    private final int maxCachedLength;
    private final Cache<String, Verified> verified;

    @Inject
    public BearerTokens(JWTParser parser, AuthConfig config, Clock clock) {
        this.parser = parser;
        this.clock = clock;
        AuthConfig.VerifiedTokens settings = config.verifiedTokens();
        this.maxCachedLength = settings.maxTokenLength();
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfter(Expiry.<String, Verified>creating((token, v) -> {
                    Duration left = Duration.between(clock.instant(), v.expiresAt());
                    return left.isNegative() ? Duration.ZERO : left.compareTo(settings.ttl()) < 0 ? left : settings.ttl();
                }))
                .build();
    }

    /** The subject of the verified token of an {@code Authorization} header value. */
    public String verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new TokenRejectedException("Send a bearer token in the Authorization header"
                    + " (POST /api/auth/token signs one in development)");
        }
        if (authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new TokenRejectedException("The Authorization header must be 'Bearer <token>'");
        }
        String token = authorization.substring(SCHEME.length()).strip();
        Verified known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return known.subject();
        }
        Verified fresh = parse(token);
        if (token.length() <= maxCachedLength) {
            verified.put(token, fresh);
        }
        return fresh.subject();
    }

    private Verified parse(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new TokenRejectedException("The bearer token names no subject (sub)");
            }
            return new Verified(jwt.getSubject(), Instant.ofEpochSecond(jwt.getExpirationTime()));
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
