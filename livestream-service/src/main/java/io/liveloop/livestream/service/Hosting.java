package io.liveloop.livestream.service;

import io.liveloop.livestream.domain.LiveSession;
import io.liveloop.livestream.domain.Room;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;

/**
 * Who may change a room and its sessions: the room's host, or an admin. Rooms and sessions are visible to anyone
 * signed in, so anyone else gets a 403 (a 404 would pretend that something everyone can see does not exist).
 */
final class Hosting {

    private Hosting() {
    }

    static void requireHost(Room room, CurrentUser user) {
        if (!user.isAdmin() && !room.isHostedBy(user.id())) {
            throw ProblemException.forbidden("only the host of room " + room.getId() + " (or an admin) may do this");
        }
    }

    static void requireHost(LiveSession session, CurrentUser user) {
        if (!user.isAdmin() && !session.isHostedBy(user.id())) {
            throw ProblemException.forbidden("only the host of session " + session.getId() + " (or an admin) may do this");
        }
    }
}
