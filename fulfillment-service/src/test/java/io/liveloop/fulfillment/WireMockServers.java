package io.liveloop.fulfillment;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A real HTTP server on a dynamic port that plays catalog-service (shop owners) and the logistics partners (which
 * receive our signed webhooks). Tests stub and inspect it through {@link #server()}.
 */
public class WireMockServers implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(20));
        server.start();
        return Map.of("quarkus.rest-client.catalog.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
