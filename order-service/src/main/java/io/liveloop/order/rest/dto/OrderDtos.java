package io.liveloop.order.rest.dto;

import io.liveloop.order.domain.Order;
import io.liveloop.order.domain.OrderLine;
import io.liveloop.order.domain.ShippingAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response records of the order endpoints. */
public final class OrderDtos {

    private OrderDtos() {
    }

    public record CreateOrderRequest(@NotEmpty @Size(max = 50) List<@NotNull @Valid ItemRequest> items,
                                     UUID liveSessionId,
                                     @NotNull @Valid AddressRequest shippingAddress,
                                     @Size(max = 500) String buyerNote) {
    }

    public record ItemRequest(@NotNull UUID skuId, @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    public record AddressRequest(@NotBlank @Size(max = 100) String recipient,
                                 @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a phone number") String phone,
                                 @NotBlank @Size(max = 50) String province,
                                 @NotBlank @Size(max = 50) String city,
                                 @NotBlank @Size(max = 50) String district,
                                 @NotBlank @Size(max = 200) String line1,
                                 @Size(max = 20) String postalCode) {
        public ShippingAddress toAddress() {
            return new ShippingAddress(recipient, phone, province, city, district, line1, postalCode);
        }
    }

    public record CancelRequest(@Size(max = 200) String reason) {
    }

    public record LineResponse(UUID skuId, UUID productId, String title, Map<String, String> skuAttributes, int quantity,
                               long unitPriceCents, long listPriceCents, long lineTotalCents) {
        public static LineResponse from(OrderLine line) {
            return new LineResponse(line.getSkuId(), line.getProductId(), line.getTitle(), line.getSkuAttributes(),
                    line.getQuantity(), line.getUnitPriceCents(), line.getListPriceCents(), line.getLineTotalCents());
        }
    }

    public record OrderResponse(UUID id, UUID buyerId, UUID shopId, String status, List<LineResponse> items,
                                long totalCents, String currency, UUID liveSessionId, UUID hostId, long commissionCents,
                                ShippingAddress shippingAddress, String buyerNote, Instant payBy, Instant createdAt,
                                Instant paidAt, Instant shippedAt, Instant deliveredAt, Instant completedAt,
                                Instant cancelledAt, String cancelReason, Instant refundedAt) {
        public static OrderResponse from(Order o) {
            return new OrderResponse(o.getId(), o.getBuyerId(), o.getShopId(), o.getStatus().name(),
                    o.getLines().stream().map(LineResponse::from).toList(), o.getTotalCents(), o.getCurrency(),
                    o.getLiveSessionId(), o.getHostId(), o.getCommissionCents(), o.getShippingAddress(), o.getBuyerNote(),
                    o.getPayBy(), o.getCreatedAt(), o.getPaidAt(), o.getShippedAt(), o.getDeliveredAt(),
                    o.getCompletedAt(), o.getCancelledAt(), o.getCancelReason(), o.getRefundedAt());
        }
    }
}
