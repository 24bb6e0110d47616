package io.liveloop.tools.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/** What the gateway answered to one {@link ApiCall}; {@code json} is a missing node when the body is not JSON. */
public record ApiResponse(ApiCall call, int status, String body, JsonNode json) {

    /** This response if its status is one of {@code statuses}; otherwise an {@link ApiException} naming the problem. */
    public ApiResponse expect(int... statuses) {
        if (Arrays.stream(statuses).noneMatch(s -> s == status)) {
            throw new ApiException(this, Arrays.toString(statuses));
        }
        return this;
    }

    /** The text at a JSON pointer such as {@code /items/0/id}, or null. */
    public String text(String pointer) {
        JsonNode node = json.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public long number(String pointer) {
        return json.at(pointer).asLong();
    }

    /** The problem's title and detail, for an error answer. */
    public String problem() {
        String title = text("/title");
        String detail = text("/detail");
        if (title == null && detail == null) {
            return body == null || body.isBlank() ? "(no body)" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
        return (title == null ? "" : title) + (detail == null ? "" : ": " + detail);
    }
}
