package io.liveloop.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Development sign-in: the gateway signs tokens itself where no identity provider is used. */
@ConfigMapping(prefix = "liveloop.auth")
public interface AuthConfig {

    SignIn signIn();

    interface SignIn {

        /** POST /api/auth/token exists only where this is on (dev, test, the local suite); elsewhere it is a 404. */
        boolean enabled();

        /** The {@code iss} of the tokens signed; the services must verify the same issuer. */
        String issuer();

        @WithDefault("8h")
        Duration tokenLifetime();
    }
}
