package io.liveloop.fulfillment.service;

import io.liveloop.fulfillment.client.CatalogClient;
import io.liveloop.fulfillment.client.CatalogShop;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may act for a shop: its owner (as catalog knows it) and admins. Catalog is asked with the caller's own token.
 * A shop's owner never changes in catalog, so answers are remembered for the life of the process.
 */
@RequestScoped
public class ShopAccess {

    private static final int REMEMBERED_SHOPS = 10_000;
    private static final Map<UUID, UUID> OWNERS = new ConcurrentHashMap<>();

    private final CatalogClient catalog;
    private final CurrentUser user;
    private final JsonWebToken token;

    public ShopAccess(CatalogClient catalog, CurrentUser user, JsonWebToken token) {
        this.catalog = catalog;
        this.user = user;
        this.token = token;
    }

    /** Passes for admins (the shop must exist) and the shop's owner; 404 for everyone else. */
    public void requireOwnerOrAdmin(UUID shopId) {
        UUID owner = owner(shopId);
        if (owner == null || !(user.isAdmin() || owner.equals(user.id()))) {
            throw ProblemException.notFound("shop", shopId);
        }
    }

    /** Whether the caller owns the shop; false without asking catalog for callers who are not sellers. */
    public boolean callerOwns(UUID shopId) {
        return user.is(CurrentUser.SELLER) && user.id().equals(owner(shopId));
    }

    private UUID owner(UUID shopId) {
        UUID known = OWNERS.get(shopId);
        if (known != null) {
            return known;
        }
        UUID owner = catalog.shop(shopId, "Bearer " + token.getRawToken()).map(CatalogShop::ownerId).orElse(null);
        if (owner != null) {
            if (OWNERS.size() >= REMEMBERED_SHOPS) {
                OWNERS.clear();
            }
            OWNERS.put(shopId, owner);
        }
        return owner;
    }
}
