package io.liveloop.gateway.auth;

import io.liveloop.gateway.config.AuthConfig;
import io.liveloop.platform.testing.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token memory: one RS256 verification per token, and never past the token's expiry. */
class BearerTokensTest {

    /** SmallRye's parser as the gateway runs it, minus the 60 s of clock skew it allows, counting its verifications. */
    static final class CountingParser extends DefaultJWTParser {
        final AtomicInteger parsed = new AtomicInteger();

        CountingParser() throws Exception {
            super(context());
        }

        private static JWTAuthContextInfo context() throws Exception {
            JWTAuthContextInfo context = new JWTAuthContextInfo(
                    KeyUtils.decodePublicKey(Files.readString(TestTokens.publicKeyFile())), TestTokens.ISSUER);
            context.setExpGracePeriodSecs(0);
            context.setClockSkew(0);
            return context;
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed.incrementAndGet();
            return super.parse(token);
        }
    }

    static AuthConfig config(int maxTokenLength) {
        AuthConfig.VerifiedTokens verified = new AuthConfig.VerifiedTokens() {
            public int maxEntries() {
                return 100;
            }

            public Duration ttl() {
                return Duration.ofSeconds(60);
            }

            public int maxTokenLength() {
                return maxTokenLength;
            }
        };
        return new AuthConfig() {
            public SignIn signIn() {
                throw new UnsupportedOperationException();
            }

            public VerifiedTokens verifiedTokens() {
                return verified;
            }
        };
    }

    @Test
    void aTokenIsVerifiedOnceAndRefusedOnceItHasExpired() throws Exception {
        CountingParser parser = new CountingParser();
        BearerTokens tokens = new BearerTokens(parser, config(4096), Clock.systemUTC());
        UUID user = UUID.randomUUID();
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        String header = "Bearer " + TestTokens.token(user, "BUYER", TestTokens.ISSUER, expiry, TestTokens.signingKey());

        assertThat(tokens.verify(header)).isEqualTo(user.toString());
        assertThat(tokens.verify(header)).isEqualTo(user.toString());
        assertThat(parser.parsed).hasValue(1);

        Thread.sleep(Duration.between(Instant.now(), expiry).toMillis() + 100);
        assertThatThrownBy(() -> tokens.verify(header)).isInstanceOf(BearerTokens.TokenRejectedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void rejectedAndOverlongTokensAreVerifiedEveryTime() throws Exception {
        CountingParser parser = new CountingParser();
        BearerTokens tokens = new BearerTokens(parser, config(10), Clock.systemUTC());
        String forged = "Bearer " + TestTokens.token(UUID.randomUUID(), "BUYER", TestTokens.ISSUER,
                Instant.now().plusSeconds(600), TestTokens.foreignKey());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(BearerTokens.TokenRejectedException.class);
        }
        String valid = TestTokens.bearer(UUID.randomUUID(), "BUYER");
        tokens.verify(valid);
        tokens.verify(valid);
        assertThat(parser.parsed).hasValue(4); // longer than the 10 characters this instance remembers
    }
}
