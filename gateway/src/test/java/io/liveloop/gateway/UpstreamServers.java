package io.liveloop.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Real HTTP servers on free ports in place of the services: WireMock for catalog, order and fulfillment, a small
 * Vert.x server for livestream (its room feed streams events with pauses, which WireMock cannot). The gateway signs
 * development tokens with TestTokens' private key, so its tokens verify with the key every test service trusts.
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

    private Upstreams upstreams;
    private Path signingKey;

    @Override
    public Map<String, String> start() {
        WireMockServer catalog = wireMock();
        WireMockServer order = wireMock();
        WireMockServer fulfillment = wireMock();
        FeedServer livestream = FeedServer.start();
        upstreams = new Upstreams(catalog, order, livestream, fulfillment);

        Map<String, String> config = new HashMap<>();
        config.put("liveloop.services.catalog-url", catalog.baseUrl());
        config.put("liveloop.services.order-url", order.baseUrl());
        config.put("liveloop.services.livestream-url", livestream.baseUrl());
        config.put("liveloop.services.fulfillment-url", fulfillment.baseUrl());
        config.put("smallrye.jwt.sign.key.location", writeSigningKey().toUri().toString());
        // Short enough to test: 504 after 1 s on fulfillment and live, 5 s elsewhere; the feed has none.
        config.put("liveloop.gateway.timeout", "5s");
        config.put("liveloop.gateway.route-timeouts.fulfillment", "1s");
        config.put("liveloop.gateway.route-timeouts.live", "1s");
        // Small per-address buckets, so that a test can exhaust them quickly (every test client is 127.0.0.1)
        config.put("liveloop.gateway.rate-limits.sign-in.per-second", "5");
        config.put("liveloop.gateway.rate-limits.sign-in.burst", "5");
        config.put("liveloop.gateway.rate-limits.webhooks.per-second", "5");
        config.put("liveloop.gateway.rate-limits.webhooks.burst", "5");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(upstreams, new TestInjector.MatchesType(Upstreams.class));
    }

    @Override
    public void stop() {
        if (upstreams != null) {
            upstreams.catalog().stop();
            upstreams.order().stop();
            upstreams.fulfillment().stop();
            upstreams.livestream().stop();
        }
        if (signingKey != null) {
            signingKey.toFile().delete();
        }
    }

    private static WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    private Path writeSigningKey() {
        try {
            signingKey = Files.createTempFile("liveloop-gateway-signing", ".pem");
            Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TestTokens.signingKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return signingKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
