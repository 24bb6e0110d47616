package io.liveloop.catalog.repository;

import io.liveloop.catalog.domain.Shop;
import io.liveloop.catalog.domain.ShopHost;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ShopRepository implements PanacheRepositoryBase<Shop, UUID> {

    public List<ShopHost> hosts(UUID shopId) {
        return getEntityManager().createQuery(
                        "from ShopHost h where h.key.shopId = :shop order by h.addedAt", ShopHost.class)
                .setParameter("shop", shopId).getResultList();
    }

    public List<UUID> hostIds(Collection<UUID> shopIds) {
        return getEntityManager().createQuery(
                        "select distinct h.key.hostId from ShopHost h where h.key.shopId in :shops", UUID.class)
                .setParameter("shops", shopIds).getResultList();
    }

    public ShopHost host(UUID shopId, UUID hostId) {
        return getEntityManager().find(ShopHost.class, new ShopHost.Key(shopId, hostId));
    }

    public void addHost(ShopHost host) {
        getEntityManager().persist(host);
    }

    public void removeHost(ShopHost host) {
        getEntityManager().remove(host);
    }
}
