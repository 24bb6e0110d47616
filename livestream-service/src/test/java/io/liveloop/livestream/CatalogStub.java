package io.liveloop.livestream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** catalog-service as a real HTTP server (WireMock on a free port); each test stubs the products it needs. */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().disableRequestJournal());
            server.start();
        }
        return Map.of("liveloop.services.catalog-url", "http://127.0.0.1:" + server.port());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static WireMockServer server() {
        return server;
    }
}
