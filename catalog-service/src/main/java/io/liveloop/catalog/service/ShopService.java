package io.liveloop.catalog.service;

import io.liveloop.catalog.domain.Shop;
import io.liveloop.catalog.domain.ShopHost;
import io.liveloop.catalog.repository.ShopRepository;
import io.liveloop.platform.linkpolicy.OutboundLinkGuard;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ShopService {

    private final ShopRepository shops;
    private final OutboundLinkGuard links;
    private final Clock clock;

    public ShopService(ShopRepository shops, OutboundLinkGuard links, Clock clock) {
        this.shops = shops;
        this.links = links;
        this.clock = clock;
    }

    @Transactional
    public Shop openShop(UUID sellerId, String name, String description) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("name", name);
        texts.put("description", description);
        links.requireNoOutboundLinks(texts);
        Shop shop = new Shop(sellerId, name, description, clock.instant());
        shops.persist(shop);
        return shop;
    }

    public Shop shop(UUID shopId) {
        return shops.findByIdOptional(shopId).orElseThrow(() -> ProblemException.notFound("shop", shopId));
    }

    /** The shop if {@code userId} owns it; 404 for anyone else, who must not learn it exists. */
    public Shop ownedShop(UUID shopId, UUID userId) {
        Shop shop = shop(shopId);
        if (!shop.isOwnedBy(userId)) {
            throw ProblemException.notFound("shop", shopId);
        }
        return shop;
    }

    @Transactional
    public ShopHost authorizeHost(UUID shopId, UUID ownerId, UUID hostId) {
        ownedShop(shopId, ownerId);
        ShopHost existing = shops.host(shopId, hostId);
        if (existing != null) {
            return existing;
        }
        ShopHost host = new ShopHost(shopId, hostId, clock.instant());
        shops.addHost(host);
        return host;
    }

    @Transactional
    public void revokeHost(UUID shopId, UUID ownerId, UUID hostId) {
        ownedShop(shopId, ownerId);
        ShopHost host = shops.host(shopId, hostId);
        if (host == null) {
            throw ProblemException.notFound("host of shop " + shopId, hostId);
        }
        shops.removeHost(host);
    }

    public List<ShopHost> hosts(UUID shopId) {
        shop(shopId);
        return shops.hosts(shopId);
    }
}
