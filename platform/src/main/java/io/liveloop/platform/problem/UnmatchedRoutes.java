package io.liveloop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.platform.requestid.RequestIds;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;

/** A request that no route serves ends as a 404 problem, not the HTTP server's default page. */
@ApplicationScoped
public class UnmatchedRoutes {

    private final ObjectMapper json;

    public UnmatchedRoutes(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().last().handler(rc -> {
            String path = rc.request().path();
            Problem problem = new Problem("not-found", "Not found", 404, "No resource at " + path, path,
                    RequestIds.current(), List.of(), Map.of());
            try {
                rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                rc.fail(e);
            }
        });
    }
}
