package io.liveloop.catalog.rest.dto;

import io.liveloop.catalog.domain.Shop;
import io.liveloop.catalog.domain.ShopHost;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response records of the shop endpoints. */
public final class ShopDtos {

    private ShopDtos() {
    }

    public record CreateShopRequest(@NotBlank @Size(max = 80) String name, @Size(max = 2000) String description) {
    }

    public record ShopResponse(UUID id, String name, String description, UUID ownerId, Instant createdAt) {
        public static ShopResponse from(Shop shop) {
            return new ShopResponse(shop.getId(), shop.getName(), shop.getDescription(), shop.getOwnerId(), shop.getCreatedAt());
        }
    }

    public record AddHostRequest(@NotNull UUID hostId) {
    }

    public record HostResponse(UUID shopId, UUID hostId, Instant addedAt) {
        public static HostResponse from(ShopHost host) {
            return new HostResponse(host.getShopId(), host.getHostId(), host.getAddedAt());
        }
    }
}
