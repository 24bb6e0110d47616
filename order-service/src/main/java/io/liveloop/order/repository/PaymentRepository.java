package io.liveloop.order.repository;

import io.liveloop.order.domain.Payment;
import io.liveloop.order.domain.PaymentStatus;
import io.liveloop.order.domain.Refund;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    /**
     * The payment a provider's reference names, not locked: whoever changes it locks its order first, then the
     * payment ({@code refresh} with a lock), the lock order every writer of payments keeps. A named query,
     * translated at boot, so that the first burst of notifications does not queue on Hibernate's HQL parser while
     * each holds a pooled connection.
     */
    public Optional<Payment> byProviderRef(String provider, String providerRef) {
        return getEntityManager().createNamedQuery(Payment.BY_PROVIDER_REF, Payment.class)
                .setParameter("provider", provider).setParameter("providerRef", providerRef)
                .getResultList().stream().findFirst();
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
