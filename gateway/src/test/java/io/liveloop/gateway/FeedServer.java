package io.liveloop.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for livestream-service. {@code GET /api/live/sessions/{id}/feed} streams three SSE events 1.2 s apart
 * (longer than the live route's 1 s timeout: the feed must have none), or, for session {@code endless}, one event
 * every 200 ms until the client goes away, which {@link #feedClosed()} reports. Every other request is answered
 * with a JSON echo of what arrived.
 */
public final class FeedServer {

    public static final long EVENT_GAP_MILLIS = 1200;

    private final Vertx vertx;
    private final HttpServer server;
    private volatile CompletableFuture<Void> feedClosed = new CompletableFuture<>();

    private FeedServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static FeedServer start() {
        Vertx vertx = Vertx.vertx();
        FeedServer[] self = new FeedServer[1];
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].handle(request))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            self[0] = new FeedServer(vertx, server);
            return self[0];
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("feed server did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Completes when the connection of the latest endless feed closes. */
    public CompletableFuture<Void> feedClosed() {
        return feedClosed;
    }

    void reset() {
        feedClosed = new CompletableFuture<>();
    }

    void stop() {
        vertx.close();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(Fixtures.openApi("livestream"));
            return;
        }
        if (path.startsWith("/api/live/sessions/") && path.endsWith("/feed")) {
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            if (path.equals("/api/live/sessions/endless/feed")) {
                streamUntilClosed(request, response);
            } else {
                streamThreeEvents(request, response);
            }
            return;
        }
        request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                .putHeader("X-Request-Id", String.valueOf(request.getHeader("X-Request-Id")))
                .end(new JsonObject()
                        .put("service", "livestream")
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("authorization", request.getHeader("Authorization"))
                        .put("requestId", request.getHeader("X-Request-Id"))
                        .put("traceparent", request.getHeader("traceparent"))
                        .put("body", body.toString())
                        .encode()));
    }

    private void streamThreeEvents(HttpServerRequest request, HttpServerResponse response) {
        String lastEventId = request.getHeader("Last-Event-ID");
        response.write("id: 1\nevent: pinned\ndata: {\"n\":1,\"lastEventId\":\"" + lastEventId + "\"}\n\n");
        vertx.setTimer(EVENT_GAP_MILLIS, t1 -> {
            response.write("id: 2\nevent: price\ndata: {\"n\":2}\n\n");
            vertx.setTimer(EVENT_GAP_MILLIS, t2 -> response.end("id: 3\nevent: sold\ndata: {\"n\":3}\n\n"));
        });
    }

    private void streamUntilClosed(HttpServerRequest request, HttpServerResponse response) {
        CompletableFuture<Void> closed = feedClosed;
        long[] n = {0};
        long timer = vertx.setPeriodic(1, 200, id -> {
            if (!response.closed()) {
                response.write("id: " + (++n[0]) + "\ndata: tick\n\n");
            }
        });
        request.connection().closeHandler(v -> {
            vertx.cancelTimer(timer);
            closed.complete(null);
        });
    }
}
