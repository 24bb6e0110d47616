package io.liveloop.platform.problem;

import io.liveloop.platform.requestid.RequestIds;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** Builds problem responses the same way for every mapper: media type, instance and request id included. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The exception's problem, with its Retry-After when it has one. */
    public static Response of(UriInfo uriInfo, ProblemException e) {
        Response response = of(uriInfo, e.status(), e.slug(), e.title(), e.getMessage(), e.errors(), e.extensions());
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    public static Response of(UriInfo uriInfo, int status, String slug, String title, String detail) {
        return of(uriInfo, status, slug, title, detail, List.of(), Map.of());
    }

    public static Response of(UriInfo uriInfo, int status, String slug, String title, String detail,
                              List<Problem.FieldError> errors, Map<String, Object> extensions) {
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        Problem problem = new Problem(slug, title, status, detail, instance, RequestIds.current(), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
