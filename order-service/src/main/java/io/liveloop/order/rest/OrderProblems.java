package io.liveloop.order.rest;

import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problems of this service that are not ProblemExceptions of its own: MicroProfile Fault Tolerance's refusals. */
public class OrderProblems {

    /** More placements waiting their turn than the queue holds (OrderService#place's bulkhead): transient, retry with the same key. */
    @ServerExceptionMapper
    public Response tooManyPlacements(BulkheadException e, UriInfo uriInfo) {
        return ProblemResponses.of(uriInfo, ProblemException.serviceUnavailable(
                "Too many orders are being placed at this moment; retry with the same Idempotency-Key shortly"));
    }
}
