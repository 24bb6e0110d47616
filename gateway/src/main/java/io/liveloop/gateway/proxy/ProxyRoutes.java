package io.liveloop.gateway.proxy;

import io.liveloop.gateway.auth.BearerTokens;
import io.liveloop.gateway.config.GatewayConfig;
import io.liveloop.gateway.config.ServicesConfig;
import io.liveloop.gateway.ratelimit.RateLimiter;
import io.liveloop.gateway.ratelimit.RateLimiter.Decision;
import io.liveloop.gateway.ratelimit.RateLimiter.Rule;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.RouteProblems;
import io.liveloop.platform.requestid.RequestIds;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The gateway's proxy: for each {@link GatewayRoute}, checks what must be checked before a service is bothered
 * (path, body size, token, rate limit) and hands the request to Vert.x's reverse proxy, which streams bodies both
 * ways on the event loop (no thread per request, no buffering: the room feed flows event by event) and resets the
 * upstream request when the client goes away. Upstream failures become 502/504 problems.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final Pattern ORDER_WRITE = Pattern.compile("^/api/orders(/[^/]+/payments)?/?$");
    private static final String BODY_LIMIT = "liveloop.body-limit";

    private final GatewayConfig config;
    private final ServicesConfig services;
    private final BearerTokens tokens;
    private final RateLimiter limiter;
    private final RouteProblems problems;
    private final HttpClient client;
    private final HttpClient feedClient;

    public ProxyRoutes(GatewayConfig config, ServicesConfig services, BearerTokens tokens, RateLimiter limiter,
                       RouteProblems problems, Vertx vertx) {
        this.config = config;
        this.services = services;
        this.tokens = tokens;
        this.limiter = limiter;
        this.problems = problems;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis());
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService()));
        // Feeds hold their connection for as long as a viewer watches; in the common pool they would starve the rest.
        this.feedClient = vertx.createHttpClient(new HttpClientOptions(options),
                new PoolOptions().setHttp1MaxSize(config.maxFeedConnections()));
    }

    void register(@Observes Router router) {
        for (GatewayRoute route : GatewayRoute.values()) {
            HttpProxy proxy = HttpProxy.reverseProxy(route.streaming() ? feedClient : client)
                    .origin(proxyContext -> proxyContext.client().request(originOf(route)))
                    .addInterceptor(new UpstreamExchange(route));
            Route vertxRoute = route.path().startsWith("^") ? router.routeWithRegex(route.path()) : router.route(route.path());
            if (route.method() != null) {
                vertxRoute.method(route.method());
            }
            vertxRoute.handler(rc -> admit(rc, route, proxy));
        }
        // Sign-in is served by JAX-RS (SignInResource); its rate limit is checked here, before it.
        router.post("/api/auth/token").order(-100).handler(rc -> {
            if (refusedAsTooLarge(rc)) {
                return;
            }
            Decision decision = limiter.tryAcquire(Rule.SIGN_IN, clientAddress(rc.request()));
            if (decision.allowed()) {
                rc.next();
            } else {
                tooManyRequests(rc, decision, config.rateLimits().signIn(), "sign-ins from your address");
            }
        });
    }

    @PreDestroy
    void close() {
        client.close();
        feedClient.close();
    }

    private void admit(RoutingContext rc, GatewayRoute route, HttpProxy proxy) {
        HttpServerRequest request = rc.request();
        if (!request.path().equals(rc.normalizedPath())) {
            // The path is passed on as sent: one that only matches a route once normalised must not reach a service.
            problems.send(rc, 400, "malformed-path", "Malformed path",
                    "The path contains dot segments, empty segments or needlessly encoded characters");
            return;
        }
        if (refusedAsTooLarge(rc)) {
            return;
        }
        String client;
        Rule rule;
        if (route.access() == GatewayRoute.Access.USER) {
            try {
                client = tokens.verify(request.getHeader("Authorization"));
            } catch (BearerTokens.TokenRejectedException e) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                problems.send(rc, 401, "unauthorized", "Not signed in", e.getMessage());
                return;
            }
            boolean orderWrite = route == GatewayRoute.ORDERS && request.method() == HttpMethod.POST
                    && ORDER_WRITE.matcher(request.path()).matches();
            rule = orderWrite ? Rule.ORDER_WRITES : Rule.API;
        } else {
            client = clientAddress(request);
            rule = Rule.WEBHOOKS;
        }
        Decision decision = limiter.tryAcquire(rule, client);
        if (!decision.allowed()) {
            switch (rule) {
                case ORDER_WRITES -> tooManyRequests(rc, decision, config.rateLimits().orderWrites(), "orders and payments by you");
                case WEBHOOKS -> tooManyRequests(rc, decision, config.rateLimits().webhooks(), "webhooks from your address");
                default -> tooManyRequests(rc, decision, config.rateLimits().api(), "requests by you");
            }
            return;
        }
        proxy.handle(request);
    }

    /** A body declared larger than the limit is refused before a byte of it is passed on (chunked ones: {@link BodySizeLimit}). */
    private boolean refusedAsTooLarge(RoutingContext rc) {
        long maxBody = config.maxBodySize().asLongValue();
        long declared = declaredLength(rc.request());
        if (declared <= maxBody) {
            return false;
        }
        problems.send(rc, 413, "payload-too-large", "Request body too large",
                "The request body has " + declared + " bytes; at most " + maxBody + " are accepted");
        return true;
    }

    private void tooManyRequests(RoutingContext rc, Decision decision, GatewayConfig.Limit limit, String what) {
        rc.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        problems.send(rc, 429, "rate-limited", "Too many requests",
                "At most " + format(limit.perSecond()) + " " + what + " a second (bursts of " + limit.burst()
                        + ") are accepted; retry after " + decision.retryAfterSeconds() + " s");
    }

    /**
     * Where a route's requests go. A request's "connect timeout" here bounds how long it waits to get a connection
     * from the pool (the TCP connect itself is bounded by the client's options): with every pooled connection busy,
     * say more buyers at once than {@code max-connections-per-service} in a flash sale, a request waits its turn for
     * up to its route's timeout, as it would wait for a slow answer, rather than being told 504 after the 2 s meant
     * for a TCP handshake.
     */
    private RequestOptions originOf(GatewayRoute route) {
        URI url = route.upstream(services);
        boolean ssl = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        long timeout = route.streaming() ? config.connectTimeout().toMillis() : config.timeoutOf(route.routeName()).toMillis();
        return new RequestOptions().setHost(url.getHost()).setPort(port).setSsl(ssl)
                .setConnectTimeout(timeout)
                .setIdleTimeout(route.streaming() ? RequestOptions.DEFAULT_IDLE_TIMEOUT : timeout);
    }

    /** One request's trip to the service and back: what is adjusted on the way, and what a failure becomes. */
    private final class UpstreamExchange implements ProxyInterceptor {

        private final GatewayRoute route;

        UpstreamExchange(GatewayRoute route) {
            this.route = route;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            String encoding = incoming.getHeader("Transfer-Encoding");
            if (request.getBody() != null && encoding != null && encoding.toLowerCase().contains("chunked")) {
                BodySizeLimit limited = new BodySizeLimit(request.getBody().stream(), config.maxBodySize().asLongValue());
                request.setBody(Body.body(limited, -1));
                context.set(BODY_LIMIT, limited);
            }
            String forwardedFor = incoming.getHeader("X-Forwarded-For");
            String address = clientAddress(incoming);
            request.putHeader("X-Forwarded-For", forwardedFor == null ? address : forwardedFor + ", " + address);
            request.putHeader("X-Forwarded-Proto", incoming.scheme());
            if (incoming.authority() != null) {
                request.putHeader("X-Forwarded-Host", incoming.authority().toString());
            }
            return context.sendRequest().recover(failure -> Future.succeededFuture(failed(context, failure)));
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            // The gateway already answers with the request id and its own CORS headers: no second copy from the service.
            List<String> ownHeaders = context.response().headers().names().stream()
                    .filter(name -> name.equalsIgnoreCase(RequestIds.HEADER) || name.regionMatches(true, 0, "Access-Control-", 0, 15))
                    .toList();
            ownHeaders.forEach(context.response().headers()::remove);
            return context.sendResponse();
        }

        private ProxyResponse failed(ProxyContext context, Throwable failure) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            BodySizeLimit limit = context.get(BODY_LIMIT, BodySizeLimit.class);
            int status;
            String slug;
            String title;
            String detail;
            if (limit != null && limit.exceeded()) {
                status = 413;
                slug = "payload-too-large";
                title = "Request body too large";
                detail = "The request body has more than " + config.maxBodySize().asLongValue() + " bytes, the most accepted";
            } else if (isTimeout(failure)) {
                status = 504;
                slug = "gateway-timeout";
                title = "Gateway timeout";
                detail = route.service() + " did not answer in time; try again later";
                LOG.warnf("%s timed out serving %s %s (request %s): %s", route.service(), incoming.method(),
                        incoming.path(), incoming.getHeader(RequestIds.HEADER), failure);
            } else {
                status = 502;
                slug = "bad-gateway";
                title = "Bad gateway";
                detail = route.service() + " is unavailable; try again later";
                LOG.warnf("%s failed serving %s %s (request %s): %s", route.service(), incoming.method(),
                        incoming.path(), incoming.getHeader(RequestIds.HEADER), failure);
            }
            return context.request().release().response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .setBody(Body.body(problems.body(incoming, status, slug, title, detail)));
        }
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The client's address; behind a trusted proxy Quarkus takes it from X-Forwarded-For (quarkus.http.proxy.*). */
    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    }

    private static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
