package io.liveloop.gateway.proxy;

import io.liveloop.gateway.config.ServicesConfig;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.util.function.Function;

/**
 * What the gateway exposes and where each part goes. Paths are passed on unchanged: the services already serve
 * them under the same prefixes. {@code /internal/**} is deliberately absent, so it ends as a 404.
 */
public enum GatewayRoute {

    /** The room feed (SSE) streams for as long as the viewer watches: no timeout, its own connection pool. */
    LIVE_FEED("live-feed", HttpMethod.GET, "^/api/live/sessions/[^/]+/feed$", "livestream-service", ServicesConfig::livestreamUrl, Access.USER, true),
    CATALOG("catalog", null, "/api/catalog/*", "catalog-service", ServicesConfig::catalogUrl, Access.USER, false),
    ORDERS("orders", null, "/api/orders/*", "order-service", ServicesConfig::orderUrl, Access.USER, false),
    LIVE("live", null, "/api/live/*", "livestream-service", ServicesConfig::livestreamUrl, Access.USER, false),
    FULFILLMENT("fulfillment", null, "/api/fulfillment/*", "fulfillment-service", ServicesConfig::fulfillmentUrl, Access.USER, false),
    /** Signed by the provider and checked by the service on the raw body: no token, bytes untouched. */
    PAYMENT_WEBHOOKS("payment-webhooks", null, "/webhooks/payments/*", "order-service", ServicesConfig::orderUrl, Access.PARTNER, false),
    LOGISTICS_WEBHOOKS("logistics-webhooks", null, "/webhooks/logistics/*", "fulfillment-service", ServicesConfig::fulfillmentUrl, Access.PARTNER, false);

    /** Who calls a route: signed-in users (bearer token, limited per user) or partners (signed bodies, limited per address). */
    public enum Access { USER, PARTNER }

    private final String routeName;
    private final HttpMethod method;
    private final String path;
    private final String service;
    private final Function<ServicesConfig, URI> upstream;
    private final Access access;
    private final boolean streaming;

    GatewayRoute(String routeName, HttpMethod method, String path, String service,
                 Function<ServicesConfig, URI> upstream, Access access, boolean streaming) {
        this.service = service;
        this.routeName = routeName;
        this.method = method;
        this.path = path;
        this.upstream = upstream;
        this.access = access;
        this.streaming = streaming;
    }

    /** The name used in configuration ({@code liveloop.gateway.route-timeouts.<name>}) and logs. */
    public String routeName() { return routeName; }

    /** Null for every method. */
    public HttpMethod method() { return method; }

    /** A Vert.x path (prefix with {@code /*}) or, starting with {@code ^}, a regular expression. */
    public String path() { return path; }

    /** The service behind the route, as named in problems and logs. */
    public String service() { return service; }

    public URI upstream(ServicesConfig services) { return upstream.apply(services); }

    public Access access() { return access; }

    public boolean streaming() { return streaming; }
}
