package io.liveloop.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the gateway proxies: time limits, body size, connection pools and rate limits. */
@ConfigMapping(prefix = "liveloop.gateway")
public interface GatewayConfig {

    /** Longest silence from an upstream before the client gets a 504, for routes that {@link #routeTimeouts()} does not name. */
    @WithDefault("10s")
    Duration timeout();

    /** Per-route overrides of {@link #timeout()}, keyed by route name (catalog, orders, live, fulfillment, payment-webhooks, logistics-webhooks). The live feed has none. */
    Map<String, Duration> routeTimeouts();

    /** Longest wait for a TCP connection to an upstream before the client gets a 504. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Largest request body passed on; larger ones are answered 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Pooled connections per upstream service for ordinary requests. */
    @WithDefault("200")
    int maxConnectionsPerService();

    /** Connections for open room feeds: each viewer's feed holds one for as long as it watches. */
    @WithDefault("10000")
    int maxFeedConnections();

    RateLimits rateLimits();

    default Duration timeoutOf(String route) {
        return Optional.ofNullable(routeTimeouts().get(route)).orElse(timeout());
    }

    interface RateLimits {

        /** Off for benchmarks that measure the services rather than the gateway. */
        @WithDefault("true")
        boolean enabled();

        /** Per user: POST /api/orders and POST /api/orders/{id}/payments. */
        Limit orderWrites();

        /** Per client address: POST /api/auth/token. */
        Limit signIn();

        /** Per client address: /webhooks/**. */
        Limit webhooks();

        /** Per user: every other /api/** request. */
        Limit api();
    }

    /** A token bucket: refills {@code perSecond} tokens a second up to {@code burst}; a request takes one. */
    interface Limit {
        double perSecond();

        int burst();
    }
}
