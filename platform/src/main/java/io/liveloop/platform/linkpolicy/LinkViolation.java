package io.liveloop.platform.linkpolicy;

import java.util.Objects;

/**
 * One offending span of a checked text.
 *
 * @param start index of the first offending char in the original text (UTF-16, inclusive)
 * @param end   index after the last offending char (exclusive)
 * @param kind  what was found
 * @param text  the original text between start and end, as the user wrote it
 */
public record LinkViolation(int start, int end, LinkKind kind, String text) {

    public LinkViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end <= start || text.length() != end - start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for \"" + text + "\"");
        }
    }

    int length() {
        return end - start;
    }

    boolean overlaps(LinkViolation other) {
        return start < other.end && other.start < end;
    }
}
