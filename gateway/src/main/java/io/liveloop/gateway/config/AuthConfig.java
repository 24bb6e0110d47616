package io.liveloop.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Development sign-in: the gateway signs tokens itself where no identity provider is used. */
@ConfigMapping(prefix = "liveloop.auth")
public interface AuthConfig {

    SignIn signIn();

    VerifiedTokens verifiedTokens();

    /**
     * Verified tokens remembered, so that a client's requests pay the RS256 verification once and not each time.
     * A token is remembered until the earlier of its own expiry and {@code ttl} after it was verified.
     */
    interface VerifiedTokens {

        @WithDefault("10000")
        int maxEntries();

        @WithDefault("60s")
        Duration ttl();

        /** A longer token is verified on every request (this and maxEntries bound the cache's memory). */
        @WithDefault("4096")
        int maxTokenLength();
    }

    interface SignIn {

        /** POST /api/auth/token exists only where this is on (dev, test, the local suite); elsewhere it is a 404. */
        boolean enabled();

        /** The {@code iss} of the tokens signed; the services must verify the same issuer. */
        String issuer();

        @WithDefault("8h")
        Duration tokenLifetime();
    }
}
