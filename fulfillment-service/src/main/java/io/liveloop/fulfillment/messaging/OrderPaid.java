package io.liveloop.fulfillment.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The part of {@code liveloop.order.paid} that fulfillment reads (contracts/orders.v1); the rest is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPaid(UUID orderId, UUID buyerId, UUID shopId, List<Item> items, Address shippingAddress,
                        Integer shipWithinHours, Instant paidAt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(UUID skuId, UUID productId, String title, Map<String, String> skuAttributes, int quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String recipient, String phone, String province, String city, String district, String line1,
                          String postalCode) {
    }
}
