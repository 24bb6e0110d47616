package io.liveloop.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every domain and request error that a client must see as a problem. It carries what the
 * problem body needs; {@link ProblemExceptionMapper} turns it into {@code application/problem+json}.
 * Services subclass it for their own failures (e.g. out-of-stock) or use the factories for the common ones.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail,
                            List<Problem.FieldError> errors, Map<String, Object> extensions) {
        this(status, slug, title, detail, errors, extensions, null);
    }

    /** A problem the caller should retry: the answer carries {@code Retry-After: retryAfterSeconds} (null: none). */
    public ProblemException(int status, String slug, String title, String detail,
                            List<Problem.FieldError> errors, Map<String, Object> extensions, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A transient condition (a full queue, the database out of reach): 503, and come back in a second. */
    public static ProblemException serviceUnavailable(String detail) {
        return new ProblemException(503, "service-unavailable", "Service unavailable", detail, List.of(), Map.of(), 1);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(400, slug, title, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    /** An illegal move of a state machine: names the current state so the caller knows where it stands. */
    public static ProblemException illegalTransition(String what, Object currentState, String action) {
        return new ProblemException(409, "illegal-transition", "Illegal state transition",
                "cannot " + action + " " + what + " in state " + currentState,
                List.of(), Map.of("currentState", String.valueOf(currentState)));
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public List<Problem.FieldError> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
    /** Seconds for the answer's Retry-After header, or null when the problem is not one to retry as it is. */
    public Integer retryAfterSeconds() { return retryAfterSeconds; }
}
