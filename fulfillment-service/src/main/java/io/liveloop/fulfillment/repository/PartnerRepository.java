package io.liveloop.fulfillment.repository;

import io.liveloop.fulfillment.domain.Partner;
import io.liveloop.fulfillment.domain.ShopPartner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    public List<Partner> all() {
        return list("order by createdAt, id");
    }

    public Optional<Partner> defaultPartner() {
        return find("isDefault = true").firstResultOptional();
    }

    /** Every default partner but {@code keep} stops being the default (at most one is). */
    public void clearDefaultExcept(UUID keep) {
        update("isDefault = false where isDefault = true and id <> ?1", keep);
    }

    public Optional<ShopPartner> shopRouting(UUID shopId) {
        return Optional.ofNullable(getEntityManager().find(ShopPartner.class, shopId));
    }

    public void saveRouting(ShopPartner routing) {
        getEntityManager().persist(routing);
    }
}
