package io.liveloop.fulfillment.domain;

/** Where the parcel goes, from the paid order. */
public record ShipTo(String recipient, String phone, String province, String city, String district, String line1,
                     String postalCode) {
}
