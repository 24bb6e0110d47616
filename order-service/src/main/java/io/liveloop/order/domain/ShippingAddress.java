package io.liveloop.order.domain;

/** Where the parcel goes; kept with the order as it was given (a later address change is a new order's). */
public record ShippingAddress(String recipient, String phone, String province, String city, String district,
                              String line1, String postalCode) {
}
