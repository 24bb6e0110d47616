package io.liveloop.livestream.rest;

import io.liveloop.livestream.feed.FeedChannel;
import io.liveloop.livestream.feed.RoomFeed;
import io.liveloop.livestream.domain.SessionStatus;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionView;
import io.liveloop.livestream.service.SessionViews;
import io.liveloop.livestream.service.StatsService;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.problem.ProblemMappers;
import io.liveloop.platform.problem.RouteProblems;
import io.liveloop.platform.requestid.RequestIds;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The room feed (Server-Sent Events), {@code GET /api/live/sessions/{sessionId}/feed}: snapshot first, then pinned,
 * unpinned, offer, explaining, stock, sale, viewers, ended; resumable with Last-Event-ID (a fresh snapshot when the gap
 * is too old). Described in META-INF/openapi.yaml.
 *
 * <p>A Vert.x route, not a REST resource: a viewer holds its connection for the whole session, and ten thousand of
 * them must not each keep a REST request context and a reactive pipeline alive. After the bearer token is checked and
 * the snapshot read (blocking work, on a worker thread), the viewer is nothing but its response in {@link RoomFeed},
 * which writes each event's bytes, encoded once, to every viewer from the viewer's own event loop.
 */
@ApplicationScoped
public class FeedRoute {

    static final String PATH = "/api/live/sessions/:sessionId/feed";
    private static final Logger LOG = Logger.getLogger(FeedRoute.class);

    private final StatsService stats;
    private final SessionViews views;
    private final RoomFeed feed;
    private final RouteProblems problems;

    public FeedRoute(StatsService stats, SessionViews views, RoomFeed feed, RouteProblems problems) {
        this.stats = stats;
        this.views = views;
        this.feed = feed;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        // After the security and request-id filters (negative orders), before the REST layer.
        router.route(HttpMethod.GET, PATH).order(RouteConstants.ROUTE_ORDER_DEFAULT).handler(this::connect);
    }

    private void connect(RoutingContext rc) {
        String requestId = rc.response().headers().get(RequestIds.HEADER);
        ContextInternal context = ((ContextInternal) Vertx.currentContext()).unwrap();
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> context.runOnContext(v -> authenticated(rc, identity, context, requestId)),
                failure -> context.runOnContext(v -> unauthenticated(rc)));
    }

    private void authenticated(RoutingContext rc, SecurityIdentity identity, ContextInternal context, String requestId) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            unauthenticated(rc);
            return;
        }
        UUID viewerId;
        UUID sessionId;
        try {
            viewerId = new CurrentUser(token).id();
            sessionId = sessionId(rc.pathParam("sessionId"));
        } catch (ProblemException e) {
            problems.send(rc, e);
            return;
        }
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        HttpServerResponse response = rc.response();
        ResponseConnection connection = new ResponseConnection(response, context);
        rc.vertx().executeBlocking(() -> {
            join(sessionId, viewerId, lastEventId, connection);
            return null;
        }, false).onFailure(e -> {
            if (e instanceof ProblemException problem) {
                problems.send(rc, problem);
            } else if (ProblemMappers.isDatabaseUnavailable(e)) {
                // As the REST layer answers it (platform's ProblemMappers): transient, the app retries.
                LOG.warnf("Database unavailable connecting a viewer to the feed of session %s (request %s): %s",
                        sessionId, requestId, e.getMessage());
                problems.send(rc, ProblemMappers.databaseUnavailable());
            } else {
                LOG.errorf(e, "Unexpected error connecting a viewer to the feed of session %s (request %s)", sessionId,
                        requestId);
                problems.send(rc, ProblemMappers.internalError(requestId));
            }
        });
    }

    /** Blocking: counts the viewer, subscribes it and hands the feed its snapshot (or sends what it missed). */
    private void join(UUID sessionId, UUID viewerId, String lastEventId, ResponseConnection connection) {
        if (stats.viewerJoined(sessionId, viewerId)) { // 404 problem if there is no such session
            // Nothing more will happen: the snapshot, then the stream ends.
            feed.sendFinal(connection, "0-ended", feed.write(views.view(sessionId)));
            return;
        }
        feed.subscribe(sessionId, lastEventId, connection, () -> {
            SessionView read = views.view(sessionId);
            return new FeedChannel.Snapshot(feed.write(read), read.status() == SessionStatus.ENDED);
        });
    }

    private void unauthenticated(RoutingContext rc) {
        if (rc.response().headWritten()) {
            return; // a token that failed verification: Quarkus has already answered with the REST layer's 401 problem
        }
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problems.send(rc, new ProblemException(401, "unauthorized", "Not signed in",
                "Send a valid bearer token in the Authorization header (POST /api/auth/token signs one in development)"));
    }

    private static UUID sessionId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "not-found", "Not found", "No resource at /api/live/sessions/" + raw + "/feed");
        }
    }

    /** A viewer's HTTP response as the feed writes to it: status and headers with the first bytes, on its event loop. */
    private static final class ResponseConnection implements FeedChannel.Connection {

        private final HttpServerResponse response;
        private final ContextInternal context;

        ResponseConnection(HttpServerResponse response, ContextInternal context) {
            this.response = response;
            this.context = context;
        }

        @Override
        public Executor eventLoop() {
            return context.nettyEventLoop();
        }

        @Override
        public void onClose(Runnable action) {
            if (response.closed()) {
                action.run();
            } else {
                response.closeHandler(v -> action.run());
            }
        }

        @Override
        public boolean backlogFull() {
            return response.writeQueueFull();
        }

        @Override
        public void write(Buffer frame) {
            if (response.closed() || response.ended()) {
                return;
            }
            startStream();
            response.write(frame, null);
        }

        @Override
        public void end() {
            context.runOnContext(v -> {
                if (!response.closed() && !response.ended()) {
                    startStream();
                    response.end();
                }
            });
        }

        @Override
        public void abort() {
            context.runOnContext(v -> {
                if (!response.closed()) {
                    response.reset(); // closes the HTTP/1.1 connection: the app reconnects with its Last-Event-ID
                }
            });
        }

        private void startStream() {
            if (!response.headWritten()) {
                response.setStatusCode(200).setChunked(true)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
        }
    }
}
