package io.liveloop.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.requestid.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Problem bodies for what the gateway answers itself on its Vert.x routes (outside JAX-RS, where platform's
 * mappers do the same). The request id is read from the request, where {@link RequestIds} put it, because
 * proxy callbacks may run where the logging context is not the request's.
 */
@ApplicationScoped
public class GatewayProblems {

    private final ObjectMapper json;

    public GatewayProblems(ObjectMapper json) {
        this.json = json;
    }

    public Buffer body(HttpServerRequest request, int status, String slug, String title, String detail) {
        Problem problem = new Problem(slug, title, status, detail, request.path(), request.getHeader(RequestIds.HEADER),
                List.of(), Map.of());
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(RoutingContext rc, int status, String slug, String title, String detail) {
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body(rc.request(), status, slug, title, detail));
    }
}
