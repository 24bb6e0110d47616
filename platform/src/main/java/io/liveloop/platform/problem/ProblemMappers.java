package io.liveloop.platform.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.liveloop.platform.requestid.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem. Services throw
 * {@link ProblemException} (or a subclass) for what they know; everything else is either a client error that
 * JAX-RS or Jackson detected, or a bug (500, logged with the request id, no stack trace in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uriInfo) {
        return ProblemResponses.of(uriInfo, e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uriInfo) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return ProblemResponses.of(uriInfo, 400, "validation-failed", "Request is not valid", detail, errors, Map.of());
    }

    /** Quarkus has built-in mappers for some of these; naming each type here makes ours the one used. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uriInfo) {
        if (isSyntaxError(e)) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return ProblemResponses.of(uriInfo, 400, "malformed-request", "Malformed request body",
                    "The request body is not valid JSON" + where + ": " + reason(e));
        }
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        String detail = field.isEmpty() ? "The request body does not have the expected shape: " + reason(e)
                : "The request body has an invalid value at " + field + ": " + reason(e);
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, reason(e)));
        return ProblemResponses.of(uriInfo, 400, "malformed-request", "Malformed request body", detail, errors, Map.of());
    }

    /** No token, or one that fails verification (forged, expired, wrong issuer). */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uriInfo) {
        return Response.fromResponse(ProblemResponses.of(uriInfo, 401, "unauthorized", "Not signed in",
                        "Send a valid bearer token in the Authorization header (POST /api/auth/token signs one in development)"))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uriInfo) {
        return ProblemResponses.of(uriInfo, 403, "forbidden", "Forbidden", "Your role may not do this");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uriInfo, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uriInfo);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uriInfo);
        }
        Response.ResponseBuilder rebuilt = Response.fromResponse(problemFor(e, status, uriInfo, request.method().name()));
        // Keep what the standard asks for, e.g. Allow on a 405.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> rebuilt.header(name, v));
            }
        });
        return rebuilt.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uriInfo) {
        if (isDatabaseUnavailable(e)) {
            // Pool exhausted under a burst, or the database unreachable: transient, the client may retry.
            LOG.warnf("Database unavailable serving %s (request %s): %s", path(uriInfo), RequestIds.current(), e.getMessage());
            return ProblemResponses.of(uriInfo, databaseUnavailable());
        }
        LOG.errorf(e, "Unexpected error serving %s (request %s)",
                uriInfo == null ? "?" : uriInfo.getRequestUri().getRawPath(), RequestIds.current());
        return ProblemResponses.of(uriInfo, internalError(RequestIds.current()));
    }

    private static Response problemFor(WebApplicationException e, int status, UriInfo uriInfo, String method) {
        if (e instanceof NotFoundException) {
            return ProblemResponses.of(uriInfo, 404, "not-found", "Not found", "No resource at " + path(uriInfo));
        }
        if (e instanceof NotAllowedException) {
            return ProblemResponses.of(uriInfo, 405, "method-not-allowed", "Method not allowed",
                    "Method " + method + " is not allowed on " + path(uriInfo));
        }
        if (e instanceof NotSupportedException) {
            return ProblemResponses.of(uriInfo, 415, "unsupported-media-type", "Unsupported media type",
                    "Send the request body as application/json");
        }
        if (e instanceof NotAcceptableException) {
            return ProblemResponses.of(uriInfo, 406, "not-acceptable", "Not acceptable",
                    "This resource answers with application/json (problems as application/problem+json)");
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Client error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? reason : e.getMessage();
        return ProblemResponses.of(uriInfo, status, slug(reason), reason, detail);
    }

    /**
     * Agroal's pool timeout, or a connection failure (SQLState class 08): transient, answered 503 with Retry-After
     * (also by handlers outside the REST layer, such as livestream's feed route).
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && (String.valueOf(sql.getMessage()).contains("acquisition timeout")
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
                return true;
            }
        }
        return false;
    }

    /** A bug: 500, no detail but the request id to quote (the cause goes to the log, never to the client). */
    public static ProblemException internalError(String requestId) {
        return new ProblemException(500, "internal-error", "Internal error",
                "An unexpected error occurred; quote request id " + requestId + " when reporting it");
    }

    /** The problem for {@link #isDatabaseUnavailable}: 503 with Retry-After. */
    public static ProblemException databaseUnavailable() {
        return ProblemException.serviceUnavailable("The service cannot reach its database right now; retry shortly");
    }

    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException || String.valueOf(t.getMessage()).startsWith("Unexpected end-of-input")) {
                return true;
            }
        }
        return false;
    }

    /** Jackson's own words without the source excerpt and location it appends. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "unreadable input" : e.getOriginalMessage();
        int cut = message.indexOf(" (start marker");
        if (cut < 0) {
            cut = message.indexOf("\n");
        }
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static String slug(String reason) {
        return reason.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String path(UriInfo uriInfo) {
        return uriInfo == null ? "this path" : uriInfo.getRequestUri().getRawPath();
    }

    /** The bean path of a violation without the method and body-parameter nodes: {@code items[0].quantity}. */
    static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null) {
                continue; // a container element node, e.g. List<@NotNull X>: its index is on the next node
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return field.toString().replace(".[", "[");
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
