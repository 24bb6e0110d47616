package io.liveloop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.platform.requestid.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;

/**
 * Problem bodies for what Vert.x routes answer themselves, outside JAX-RS (where {@link ProblemMappers} does the
 * same): the gateway's proxy, livestream's feed, unmatched paths. The request id is read from the request, where
 * {@link RequestIds} put it, because route callbacks may run where the logging context is not the request's.
 */
@ApplicationScoped
public class RouteProblems {

    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    public Buffer body(HttpServerRequest request, ProblemException e) {
        Problem problem = new Problem(e.slug(), e.title(), e.status(), e.getMessage(), request.path(),
                request.getHeader(RequestIds.HEADER), e.errors(), e.extensions());
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public Buffer body(HttpServerRequest request, int status, String slug, String title, String detail) {
        return body(request, new ProblemException(status, slug, title, detail));
    }

    /**
     * Answers with the problem (and its Retry-After, if it has one), unless the response has begun (or the client has
     * gone): then there is no one to tell.
     */
    public void send(RoutingContext rc, ProblemException e) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.closed()) {
            return;
        }
        if (e.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        response.setStatusCode(e.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body(rc.request(), e));
    }

    public void send(RoutingContext rc, int status, String slug, String title, String detail) {
        send(rc, new ProblemException(status, slug, title, detail));
    }
}
