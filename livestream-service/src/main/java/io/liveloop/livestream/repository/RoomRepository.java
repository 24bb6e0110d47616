package io.liveloop.livestream.repository;

import io.liveloop.livestream.domain.Room;
import io.liveloop.platform.api.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    public List<Room> byHost(UUID hostId, PageRequest page) {
        return find("hostId", Sort.descending("createdAt", "id"), hostId)
                .range(page.offset(), page.offset() + page.fetchSize() - 1).list();
    }

    /** The room with its row locked until commit: starting sessions of one room takes turns. */
    public Optional<Room> lockedForStart(UUID roomId) {
        return findByIdOptional(roomId, LockModeType.PESSIMISTIC_WRITE);
    }
}
