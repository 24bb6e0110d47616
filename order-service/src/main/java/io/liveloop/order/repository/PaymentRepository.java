package io.liveloop.order.repository;

import io.liveloop.order.domain.Payment;
import io.liveloop.order.domain.PaymentStatus;
import io.liveloop.order.domain.Refund;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    public Optional<Payment> byProviderRef(String provider, String providerRef) {
        return find("provider = ?1 and providerRef = ?2", provider, providerRef)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Payment> succeeded(UUID orderId) {
        return list("orderId = ?1 and status = ?2", orderId, PaymentStatus.SUCCEEDED);
    }

    public void addRefund(Refund refund) {
        getEntityManager().persist(refund);
    }

    public List<Refund> refunds(UUID orderId) {
        return getEntityManager().createQuery("from Refund r where r.orderId = :order order by r.createdAt", Refund.class)
                .setParameter("order", orderId).getResultList();
    }
}
