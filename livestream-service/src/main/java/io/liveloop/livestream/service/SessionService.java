package io.liveloop.livestream.service;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.Room;
import io.liveloop.livestream.domain.SessionStatus;
import io.liveloop.livestream.feed.FeedNotice;
import io.liveloop.livestream.feed.FeedNotices;
import io.liveloop.livestream.repository.RoomRepository;
import io.liveloop.livestream.repository.SessionRepository;
import io.liveloop.livestream.repository.StatsRepository;
import io.liveloop.livestream.rest.dto.SessionDtos.EndedData;
import io.liveloop.livestream.rest.dto.SessionDtos.SessionResponse;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.linkpolicy.OutboundLinkGuard;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A session's life as its host drives it: schedule, go live (one live session per room), end. */
@ApplicationScoped
public class SessionService {

    private final SessionRepository sessions;
    private final RoomRepository rooms;
    private final StatsRepository stats;
    private final LiveEvents events;
    private final FeedNotices feed;
    private final OutboundLinkGuard links;
    private final Clock clock;

    public SessionService(SessionRepository sessions, RoomRepository rooms, StatsRepository stats, LiveEvents events,
                          FeedNotices feed, OutboundLinkGuard links, Clock clock) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.stats = stats;
        this.events = events;
        this.feed = feed;
        this.links = links;
        this.clock = clock;
    }

    @Transactional
    public LiveSession schedule(UUID roomId, CurrentUser user, String title, Instant scheduledStartAt) {
        Room room = rooms.findByIdOptional(roomId).orElseThrow(() -> ProblemException.notFound("room", roomId));
        Hosting.requireHost(room, user);
        links.requireNoOutboundLinks(Map.of("title", title));
        LiveSession session = new LiveSession(room, title.strip(), scheduledStartAt, clock.instant());
        sessions.persist(session);
        sessions.flush(); // the stats row references the session
        stats.createFor(session.getId());
        return session;
    }

    @Transactional
    public LiveSession start(UUID sessionId, CurrentUser user) {
        LiveSession session = managedForChange(sessionId, user);
        rooms.lockedForStart(session.getRoomId()); // two sessions of one room starting at once take turns here
        sessions.liveInRoom(session.getRoomId()).filter(live -> !live.getId().equals(sessionId)).ifPresent(live -> {
            throw new ProblemException(409, "room-already-live", "Room already live",
                    "room " + session.getRoomId() + " already has live session " + live.getId()
                            + "; end it before starting another", List.of(),
                    Map.of("liveSessionId", live.getId().toString()));
        });
        session.start(clock.instant());
        events.sessionStarted(session);
        feed.raise(new FeedNotice(sessionId, FeedNotice.STARTED, SessionResponse.from(session)));
        return session;
    }

    @Transactional
    public LiveSession end(UUID sessionId, CurrentUser user) {
        LiveSession session = managedForChange(sessionId, user);
        session.end(clock.instant());
        events.sessionEnded(session);
        feed.raise(new FeedNotice(sessionId, FeedNotice.ENDED, new EndedData(sessionId, session.getEndedAt())));
        return session;
    }

    public LiveSession session(UUID sessionId) {
        return sessions.findByIdOptional(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
    }

    public List<LiveSession> byStatus(SessionStatus status, PageRequest page) {
        return sessions.byStatus(status, page);
    }

    public List<LiveSession> byRoom(UUID roomId, PageRequest page) {
        rooms.findByIdOptional(roomId).orElseThrow(() -> ProblemException.notFound("room", roomId));
        return sessions.byRoom(roomId, page);
    }

    /** The session if the user hosts it (or is an admin): 404 if it does not exist, 403 for anyone else. */
    LiveSession managed(UUID sessionId, CurrentUser user) {
        LiveSession session = session(sessionId);
        Hosting.requireHost(session, user);
        return session;
    }

    /** As {@link #managed}, locked for a change until the caller's transaction ends. */
    LiveSession managedForChange(UUID sessionId, CurrentUser user) {
        LiveSession session = sessions.lockedForChange(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        Hosting.requireHost(session, user);
        return session;
    }
}
