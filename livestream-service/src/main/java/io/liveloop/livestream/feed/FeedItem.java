package io.liveloop.livestream.feed;

/**
 * One line group of a room feed: an event ({@code id}, {@code name}, JSON {@code data}) or a heartbeat comment.
 * {@code seq} orders a session's events; the id a client sees is {@code <seq>-<epoch>}.
 */
public record FeedItem(long seq, String id, String name, String data, String comment) {

    static FeedItem event(long seq, String epoch, String name, String data) {
        return new FeedItem(seq, seq + "-" + epoch, name, data, null);
    }

    static FeedItem heartbeat() {
        return new FeedItem(0, null, null, null, "heartbeat");
    }

    public boolean isComment() {
        return comment != null;
    }
}
