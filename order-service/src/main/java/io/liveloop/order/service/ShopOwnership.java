package io.liveloop.order.service;

import io.liveloop.order.client.CatalogClient;
import io.liveloop.order.config.OrderConfig;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns a shop, for the seller views: asked of catalog ({@code GET /internal/shops/{id}}) and kept for a few
 * minutes, since owners practically never change. Catalog being down is a 503, never a guess.
 */
@ApplicationScoped
public class ShopOwnership {

    private record Known(UUID ownerId, Instant until) {
    }

    private final CatalogClient catalog;
    private final OrderConfig config;
    private final Clock clock;
    private final Map<UUID, Known> owners = new ConcurrentHashMap<>();

    public ShopOwnership(CatalogClient catalog, OrderConfig config, Clock clock) {
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** True if {@code userId} owns the shop; false for someone else's shop and for a shop catalog does not know. */
    public boolean owns(UUID userId, UUID shopId) {
        Instant now = clock.instant();
        Known known = owners.get(shopId);
        if (known == null || now.isAfter(known.until())) {
            try {
                known = new Known(catalog.shop(shopId).ownerId(), now.plus(config.shopOwnerCacheTtl()));
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    return false;
                }
                throw e;
            }
            owners.put(shopId, known);
        }
        return known.ownerId().equals(userId);
    }
}
