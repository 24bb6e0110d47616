package io.liveloop.platform.linkpolicy;

import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link LinkPolicy} to the user-visible texts of a request and refuses them all at once: a 422
 * {@code outbound-link} problem whose {@code errors[]} name each offending field and whose {@code violations[]}
 * give each span (field, start, end, kind, text) so an app can highlight it.
 */
@Singleton
public class OutboundLinkGuard {

    private final LinkPolicy policy;

    public OutboundLinkGuard(LinkPolicy policy) {
        this.policy = policy;
    }

    /** @param texts field name (as the client sent it, e.g. {@code skus[0].attributes.color}) → its text */
    public void requireNoOutboundLinks(Map<String, String> texts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Map<String, Object>> violations = new ArrayList<>();
        texts.forEach((field, text) -> {
            for (LinkViolation v : policy.check(text)) {
                errors.add(new Problem.FieldError(field, "outbound " + v.kind().name().toLowerCase().replace('_', ' ')
                        + " '" + v.text() + "' at " + v.start() + "–" + v.end() + " is not allowed"));
                Map<String, Object> span = new LinkedHashMap<>();
                span.put("field", field);
                span.put("start", v.start());
                span.put("end", v.end());
                span.put("kind", v.kind().name());
                span.put("text", v.text());
                violations.add(span);
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "outbound-link", "Outbound link not allowed",
                    "Links to other stores are not allowed in user-visible text; remove the " + errors.size()
                            + " offending span(s) listed in errors",
                    errors, Map.of("violations", violations));
        }
    }
}
