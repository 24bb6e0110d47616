package io.liveloop.fulfillment.domain;

import java.util.Map;
import java.util.UUID;

/** One line of a parcel, as the partner needs it (no prices). */
public record ShipmentItem(UUID skuId, UUID productId, String title, Map<String, String> skuAttributes, int quantity) {
}
