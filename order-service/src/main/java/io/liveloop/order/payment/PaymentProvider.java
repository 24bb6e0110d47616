package io.liveloop.order.payment;

import io.liveloop.platform.webhooks.WebhookSecret;

import java.util.List;
import java.util.UUID;

/**
 * A payment provider as order-service uses one: it takes a charge (and answers at once with its reference),
 * later tells {@code POST /webhooks/payments/{name}} how it went, signed the Standard Webhooks way, and gives
 * money back on request.
 */
public interface PaymentProvider {

    /** The name in {@code POST /api/orders/{id}/payments} and in the webhook path. */
    String name();

    /** Starts a charge; the outcome arrives later as a signed notification. Called inside the payment's transaction. */
    Charge charge(ChargeRequest request);

    /** Gives a succeeded payment's money back; answers the provider's refund reference. */
    String refund(String providerRef, long amountCents);

    /** Secrets the provider's notifications are signed with (several while one is being rotated). */
    List<WebhookSecret> webhookSecrets();

    /** {@code simulate} is for sandboxes only: SUCCEED, FAIL or NONE (no notification at all). */
    record ChargeRequest(UUID paymentId, UUID orderId, long amountCents, String simulate) {
    }

    record Charge(String providerRef) {
    }
}
