package io.liveloop.order.rest;

import io.liveloop.order.service.IdempotentRequests;
import io.liveloop.platform.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problems of this service that carry more than a body: when to come back. */
public class OrderProblems {

    /** Another request holds the key now: the same key again shortly gets that request's answer. */
    @ServerExceptionMapper
    public Response keyInUse(IdempotentRequests.ClaimLostException e, UriInfo uriInfo) {
        return Response.fromResponse(ProblemResponses.of(uriInfo, e.status(), e.slug(), e.title(), e.getMessage()))
                .header("Retry-After", "1").build();
    }

    /** More placements waiting their turn than the queue holds (order.placement.queue): transient, retry with the same key. */
    @ServerExceptionMapper
    public Response tooManyPlacements(BulkheadException e, UriInfo uriInfo) {
        return Response.fromResponse(ProblemResponses.of(uriInfo, 503, "service-unavailable", "Service unavailable",
                "Too many orders are being placed at this moment; retry with the same Idempotency-Key shortly"))
                .header("Retry-After", "1").build();
    }
}
