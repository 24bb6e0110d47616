package io.liveloop.order.rest.dto;

import io.liveloop.order.domain.Payment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.time.Instant;
import java.util.UUID;

/** Request and response records of payments and the providers' notifications. */
public final class PaymentDtos {

    private PaymentDtos() {
    }

    public record CreatePaymentRequest(@NotBlank String provider,
                                       @Pattern(regexp = "SUCCEED|FAIL|NONE", message = "must be SUCCEED, FAIL or NONE")
                                       String simulate) {
    }

    public record PaymentResponse(UUID id, UUID orderId, String provider, String status, long amountCents,
                                  String providerRef, Instant createdAt) {
        public static PaymentResponse from(Payment p) {
            return new PaymentResponse(p.getId(), p.getOrderId(), p.getProvider(), p.getStatus().name(),
                    p.getAmountCents(), p.getProviderRef(), p.getCreatedAt());
        }
    }

    public record RefundResponse(UUID id, long amountCents, String reason, String providerRef, Instant createdAt) {
        public static RefundResponse from(io.liveloop.order.domain.Refund r) {
            return new RefundResponse(r.getId(), r.getAmountCents(), r.getReason(), r.getProviderRef(), r.getCreatedAt());
        }
    }

    /** A payment of an order as its buyer sees it, with the refunds made on it. */
    public record PaymentView(UUID id, UUID orderId, String provider, String status, long amountCents, String providerRef,
                              Instant createdAt, Instant succeededAt, Instant refundedAt, java.util.List<RefundResponse> refunds) {
        public static PaymentView from(Payment p, java.util.List<io.liveloop.order.domain.Refund> refunds) {
            return new PaymentView(p.getId(), p.getOrderId(), p.getProvider(), p.getStatus().name(), p.getAmountCents(),
                    p.getProviderRef(), p.getCreatedAt(), p.getSucceededAt(), p.getRefundedAt(),
                    refunds.stream().filter(r -> r.getPaymentId().equals(p.getId())).map(RefundResponse::from).toList());
        }
    }

    /** A provider's notification: {@code {type: payment.succeeded|payment.failed, data: {providerRef, amountCents}}}. */
    public record PaymentNotification(@NotBlank String type, @NotNull @Valid Data data) {
        public record Data(@NotBlank String providerRef, @NotNull @PositiveOrZero Long amountCents) {
        }
    }

    /** What the webhook answers: processed, duplicate or ignored (a type we do not act on). */
    public record NotificationReceipt(String status) {
    }
}
