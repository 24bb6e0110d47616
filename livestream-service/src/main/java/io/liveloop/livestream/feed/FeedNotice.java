package io.liveloop.livestream.feed;

import java.util.UUID;

/**
 * Something viewers of a session should see: the event name of the feed and its data (written as JSON).
 */
public record FeedNotice(UUID sessionId, String name, Object data) {

    public static final String SNAPSHOT = "snapshot";
    public static final String STARTED = "started";
    public static final String PINNED = "pinned";
    public static final String UNPINNED = "unpinned";
    public static final String OFFER = "offer";
    public static final String EXPLAINING = "explaining";
    public static final String STOCK = "stock";
    public static final String SALE = "sale";
    public static final String VIEWERS = "viewers";
    public static final String ENDED = "ended";
}
