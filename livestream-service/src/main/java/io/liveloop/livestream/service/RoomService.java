package io.liveloop.livestream.service;

import io.liveloop.livestream.config.LivestreamConfig;
import io.liveloop.livestream.domain.Room;
import io.liveloop.livestream.repository.RoomRepository;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.linkpolicy.OutboundLinkGuard;
import io.liveloop.platform.problem.Problem;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class RoomService {

    private final RoomRepository rooms;
    private final OutboundLinkGuard links;
    private final LivestreamConfig config;
    private final Clock clock;

    public RoomService(RoomRepository rooms, OutboundLinkGuard links, LivestreamConfig config, Clock clock) {
        this.rooms = rooms;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Room open(UUID hostId, String title, String coverImageUrl) {
        links.requireNoOutboundLinks(Map.of("title", title));
        String cover = coverImageUrl == null || coverImageUrl.isBlank() ? null : coverImageUrl.strip();
        if (cover != null && !onMediaHost(cover)) {
            throw new ProblemException(422, "outbound-link", "Outbound link not allowed",
                    "Room covers must be uploaded to the platform's media host " + config.mediaHost(),
                    List.of(new Problem.FieldError("coverImageUrl", "must be an https URL on " + config.mediaHost()
                            + ", was '" + cover + "'")), Map.of());
        }
        Room room = new Room(hostId, title.strip(), cover, clock.instant());
        rooms.persist(room);
        return room;
    }

    public Room room(UUID roomId) {
        return rooms.findByIdOptional(roomId).orElseThrow(() -> ProblemException.notFound("room", roomId));
    }

    public List<Room> byHost(UUID hostId, PageRequest page) {
        return rooms.byHost(hostId, page);
    }

    private boolean onMediaHost(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            return "https".equalsIgnoreCase(uri.getScheme()) && host != null && uri.getUserInfo() == null
                    && (host.equalsIgnoreCase(config.mediaHost()) || host.toLowerCase().endsWith("." + config.mediaHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
