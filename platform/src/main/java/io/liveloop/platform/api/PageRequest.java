package io.liveloop.platform.api;

import io.liveloop.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ?limit=&cursor=} of a list endpoint. The cursor is opaque to clients (base64 of the position of the
 * next item); a cursor that was not issued by us is a 400 problem, not a silent first page.
 */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ProblemException(400, "invalid-page", "Invalid page request",
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + size);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? 0 : decode(cursor));
    }

    /** Builds the page from up to {@code limit + 1} rows fetched at {@link #offset()}: the extra row means more. */
    public <E, T> Page<T> page(List<E> rows, Function<E, T> toItem) {
        boolean more = rows.size() > limit;
        List<T> items = rows.stream().limit(limit).map(toItem).toList();
        return new Page<>(items, more ? encode(offset + limit) : null);
    }

    public int fetchSize() {
        return limit + 1;
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("o:")) {
                throw new IllegalArgumentException(raw);
            }
            int offset = Integer.parseInt(raw.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException(raw);
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "invalid-page", "Invalid page request",
                    "cursor '" + cursor + "' was not issued by this list; use nextCursor from a previous page");
        }
    }
}
