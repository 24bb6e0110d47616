package io.liveloop.livestream.rest;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.SessionStatus;
import io.liveloop.livestream.feed.FeedChannel;
import io.liveloop.livestream.feed.FeedItem;
import io.liveloop.livestream.feed.FeedNotice;
import io.liveloop.livestream.feed.RoomFeed;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionView;
import io.liveloop.livestream.service.SessionService;
import io.liveloop.livestream.service.SessionViews;
import io.liveloop.livestream.service.StatsService;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The room feed (Server-Sent Events). Connecting is blocking work (the snapshot is read with Hibernate on a worker
 * thread); the stream itself is fanned out reactively by {@link RoomFeed}.
 */
@Path("/api/live/sessions/{sessionId}/feed")
@Tag(name = "Sessions")
@Authenticated
public class FeedResource {

    private final SessionService sessions;
    private final SessionViews views;
    private final StatsService stats;
    private final RoomFeed feed;
    private final CurrentUser user;

    public FeedResource(SessionService sessions, SessionViews views, StatsService stats, RoomFeed feed, CurrentUser user) {
        this.sessions = sessions;
        this.views = views;
        this.stats = stats;
        this.feed = feed;
        this.user = user;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "The room feed: snapshot first, then pinned, unpinned, offer, explaining, stock, sale, viewers, "
            + "ended; resumable with Last-Event-ID (a fresh snapshot when the gap is too old)")
    public Multi<OutboundSseEvent> feed(@PathParam("sessionId") UUID sessionId,
                                        @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        LiveSession session = sessions.session(sessionId);
        stats.recordViewer(sessionId, user.id());
        if (session.isEnded()) {
            SessionView view = views.view(sessionId); // nothing more will happen: the snapshot, then the stream ends
            return Multi.createFrom().item(new FeedItem(0, "0-ended", FeedNotice.SNAPSHOT, feed.write(view), null))
                    .map(item -> toSse(sse, item));
        }
        // Subscribe before reading the snapshot: whatever commits meanwhile reaches the viewer after it (at worst
        // twice, which changes nothing: every event states a new value, not a difference).
        FeedChannel.Subscription subscription = feed.subscribe(sessionId, lastEventId);
        Multi<FeedItem> items = subscription.events();
        if (subscription.snapshotId() != null) {
            FeedChannel.Snapshot view;
            try {
                view = feed.snapshot(sessionId, subscription, () -> {
                    SessionView read = views.view(sessionId);
                    return new FeedChannel.Snapshot(feed.write(read), read.status() == SessionStatus.ENDED);
                });
            } catch (RuntimeException e) {
                subscription.cancel().run();
                throw e;
            }
            FeedItem snapshot = new FeedItem(0, subscription.snapshotId(), FeedNotice.SNAPSHOT, view.data(), null);
            if (view.ended()) { // it ended while this viewer connected
                subscription.cancel().run();
                feed.releaseIfIdle(sessionId);
                return Multi.createFrom().item(snapshot).map(item -> toSse(sse, item));
            }
            items = Multi.createBy().concatenating().streams(Multi.createFrom().item(snapshot), items);
        }
        return items.map(item -> toSse(sse, item));
    }

    private static OutboundSseEvent toSse(Sse sse, FeedItem item) {
        if (item.isComment()) {
            return sse.newEventBuilder().comment(item.comment()).build();
        }
        return sse.newEventBuilder().id(item.id()).name(item.name()).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, item.data()).build();
    }
}
