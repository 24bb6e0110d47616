package io.liveloop.catalog.rest;

import io.liveloop.catalog.service.ReservationBatcher;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A reservation queue that is full is a transient condition: 503 with Retry-After, like an exhausted pool. */
public class ReservationProblems {

    @ServerExceptionMapper
    public Response saturated(ReservationBatcher.SaturatedException e, UriInfo uriInfo) {
        return ProblemResponses.of(uriInfo, ProblemException.serviceUnavailable(e.getMessage()));
    }
}
