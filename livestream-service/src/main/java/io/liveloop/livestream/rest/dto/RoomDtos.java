package io.liveloop.livestream.rest.dto;

import io.liveloop.livestream.domain.Room;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response records of the room endpoints. */
public final class RoomDtos {

    private RoomDtos() {
    }

    public record CreateRoomRequest(@NotBlank @Size(max = 80) String title, @Size(max = 1000) String coverImageUrl) {
    }

    public record RoomResponse(UUID id, UUID hostId, String title, String coverImageUrl, Instant createdAt) {
        public static RoomResponse from(Room room) {
            return new RoomResponse(room.getId(), room.getHostId(), room.getTitle(), room.getCoverImageUrl(), room.getCreatedAt());
        }
    }
}
