package io.liveloop.catalog.rest;

import io.liveloop.catalog.service.ReservationBatcher;
import io.liveloop.platform.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A reservation queue that is full is a transient condition: 503 with Retry-After, like an exhausted pool. */
public class ReservationProblems {

    @ServerExceptionMapper
    public Response saturated(ReservationBatcher.SaturatedException e, UriInfo uriInfo) {
        return Response.fromResponse(ProblemResponses.of(uriInfo, 503, "service-unavailable", "Service unavailable",
                e.getMessage())).header("Retry-After", "1").build();
    }
}
