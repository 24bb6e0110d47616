package io.liveloop.order;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** catalog-service as a real HTTP server (WireMock, dynamic port); tests stub its internal API through its admin API. */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        // Asynchronous responses: a delayed answer holds no server thread, so the stub, like catalog, can keep a
        // flash sale's worth of reservations waiting at once.
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").asynchronousResponseEnabled(true));
        server.start();
        return Map.of("liveloop.services.catalog-url", "http://127.0.0.1:" + server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
