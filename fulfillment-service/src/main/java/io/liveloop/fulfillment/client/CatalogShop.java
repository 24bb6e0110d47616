package io.liveloop.fulfillment.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/** What fulfillment reads of a catalog shop: whose it is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogShop(UUID id, String name, UUID ownerId) {
}
