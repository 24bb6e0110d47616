package io.liveloop.platform.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A request that no route serves ends as a 404 problem, not the HTTP server's default page. */
@ApplicationScoped
public class UnmatchedRoutes {

    private final RouteProblems problems;

    public UnmatchedRoutes(RouteProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().last().handler(rc ->
                problems.send(rc, 404, "not-found", "Not found", "No resource at " + rc.request().path()));
    }
}
