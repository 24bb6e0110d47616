package io.liveloop.order.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.Payment;
import io.liveloop.order.domain.Refund;
import io.liveloop.order.payment.PaymentProvider;
import io.liveloop.order.payment.PaymentProviders;
import io.liveloop.order.repository.OrderRepository;
import io.liveloop.order.repository.PaymentRepository;
import io.liveloop.order.rest.dto.PaymentDtos.CreatePaymentRequest;
import io.liveloop.order.rest.dto.PaymentDtos.PaymentView;
import io.liveloop.order.rest.dto.PaymentDtos.PaymentNotification;
import io.liveloop.order.rest.dto.PaymentDtos.PaymentResponse;
import io.liveloop.platform.inbox.Inbox;
import io.liveloop.platform.problem.ProblemException;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookVerifier;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payments: a buyer starts one through a provider; the provider's signed notification decides it. A success for
 * an order that can no longer be paid (cancelled, or paid already by another payment) is recorded and refunded at
 * once, never lost and never kept.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);
    static final String CREATE_PAYMENT = "create-payment";

    /** What a notification did; the webhook answers 200 with it. */
    public enum Outcome { PROCESSED, DUPLICATE, IGNORED }

    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final PaymentProviders providers;
    private final IdempotentRequests idempotency;
    private final OrderEvents events;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final Validator validator;
    private final WebhookVerifier verifier;
    private final Clock clock;

    public PaymentService(OrderRepository orders, PaymentRepository payments, PaymentProviders providers,
                          IdempotentRequests idempotency, OrderEvents events, Inbox inbox, ObjectMapper json,
                          Validator validator, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.providers = providers;
        this.idempotency = idempotency;
        this.events = events;
        this.inbox = inbox;
        this.json = json;
        this.validator = validator;
        this.verifier = new WebhookVerifier(clock);
        this.clock = clock;
    }

    /** The buyer pays their order; the answer is the PENDING payment, the outcome arrives as a notification. */
    @Transactional
    public IdempotentRequests.Answer startPayment(UUID orderId, UUID buyerId, String key, CreatePaymentRequest request) {
        var replay = idempotency.claim(CREATE_PAYMENT, buyerId, key, List.of(orderId, request));
        if (replay.isPresent()) {
            return replay.get();
        }
        Order order = orders.lock(orderId).filter(o -> o.isBuyer(buyerId))
                .orElseThrow(() -> ProblemException.notFound("order", orderId));
        PaymentProvider provider = providers.require(request.provider());
        Instant now = clock.instant();
        order.requirePayable(now);
        UUID paymentId = UUID.randomUUID();
        PaymentProvider.Charge charge = provider.charge(
                new PaymentProvider.ChargeRequest(paymentId, orderId, order.getTotalCents(), request.simulate()));
        Payment payment = new Payment(paymentId, orderId, provider.name(), order.getTotalCents(), charge.providerRef(), now);
        payments.persist(payment);
        return idempotency.complete(CREATE_PAYMENT, buyerId, key, 201, PaymentResponse.from(payment), paymentId);
    }

    /**
     * A provider's notification, exactly as it arrived. Checked in this order: known provider (404), signature and
     * timestamp (401), readable body (400), replayed webhook-id (200, nothing changes), known payment (404), amount
     * (422, the order is not paid). Each webhook-id takes effect once, in the same transaction as its effect.
     *
     * <p>The checks that need no database run before the transaction: a pooled connection is held only for the
     * statements of the effect, never while a signature is computed or a body is read.
     */
    public Outcome handleNotification(String providerName, Map<String, String> headers, byte[] body) {
        PaymentProvider provider = providers.find(providerName)
                .orElseThrow(() -> ProblemException.notFound("payment provider", providerName));
        verifier.verify(headers, body, provider.webhookSecrets());
        PaymentNotification notification = read(body);
        String webhookId = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(SignedHeaders.ID))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        return QuarkusTransaction.joiningExisting().call(() -> apply(provider, webhookId, notification));
    }

    private Outcome apply(PaymentProvider provider, String webhookId, PaymentNotification notification) {
        if (!inbox.firstDelivery("payment-webhook/" + provider.name(), webhookId)) {
            return Outcome.DUPLICATE;
        }
        boolean success = "payment.succeeded".equals(notification.type());
        if (!success && !"payment.failed".equals(notification.type())) {
            LOG.infof("Ignoring %s notification %s of type %s", provider.name(), webhookId, notification.type());
            return Outcome.IGNORED;
        }
        String providerRef = notification.data().providerRef();
        Payment found = payments.byProviderRef(provider.name(), providerRef)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not found",
                        "no " + provider.name() + " payment has providerRef " + providerRef));
        if (found.getAmountCents() != notification.data().amountCents()) {
            throw new ProblemException(422, "amount-mismatch", "Amount mismatch",
                    "notification for " + providerRef + " says amountCents " + notification.data().amountCents()
                            + " but payment " + found.getId() + " is for " + found.getAmountCents());
        }
        // The order first, then the payment: the same lock order as a buyer's cancel, so they cannot deadlock.
        Order order = orders.lock(found.getOrderId()).orElseThrow();
        payments.getEntityManager().refresh(found, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (!success) {
            return found.fail(now) ? Outcome.PROCESSED : Outcome.DUPLICATE;
        }
        if (!found.succeed(now)) {
            return Outcome.DUPLICATE;
        }
        if (order.awaitsPayment()) {
            order.markPaid(now);
            events.paid(order, found);
        } else {
            LOG.warnf("Payment %s succeeded for order %s in state %s: refunding it at once", found.getId(), order.getId(),
                    order.getStatus());
            refund(found, "order-" + order.getStatus().name().toLowerCase().replace('_', '-'), now);
        }
        return Outcome.PROCESSED;
    }

    /** Gives back every succeeded payment of the order; answers how much went back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long refundAll(Order order, String reason) {
        Instant now = clock.instant();
        long refunded = 0;
        for (Payment payment : payments.succeeded(order.getId())) {
            payments.getEntityManager().lock(payment, LockModeType.PESSIMISTIC_WRITE);
            refunded += refund(payment, reason, now);
        }
        return refunded;
    }

    /** The order's payments, oldest first, with their refunds. */
    public List<PaymentView> paymentsOf(Order order) {
        List<Refund> refunds = payments.refunds(order.getId());
        return payments.list("orderId = ?1 order by createdAt", order.getId()).stream()
                .map(p -> PaymentView.from(p, refunds)).toList();
    }

    private long refund(Payment payment, String reason, Instant now) {
        if (!payment.refund(now)) {
            return 0;
        }
        String refundRef = providers.find(payment.getProvider())
                .orElseThrow(() -> new IllegalStateException("payment " + payment.getId() + " has unknown provider " + payment.getProvider()))
                .refund(payment.getProviderRef(), payment.getAmountCents());
        payments.addRefund(new Refund(payment, reason, refundRef, now));
        return payment.getAmountCents();
    }

    private PaymentNotification read(byte[] body) {
        PaymentNotification notification;
        try {
            notification = json.readValue(body, PaymentNotification.class);
        } catch (IOException e) {
            throw ProblemException.badRequest("malformed-request", "Malformed request body",
                    "The notification is not the expected JSON ({type, data: {providerRef, amountCents}})");
        }
        if (notification == null) {
            throw ProblemException.badRequest("malformed-request", "Malformed request body", "The notification is empty");
        }
        var violations = validator.validate(notification);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return notification;
    }
}
