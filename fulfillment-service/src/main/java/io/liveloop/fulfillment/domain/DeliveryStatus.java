package io.liveloop.fulfillment.domain;

/** PENDING (waiting for its next attempt) → SUCCEEDED | DEAD; CANCELLED when its shipment was cancelled first. */
public enum DeliveryStatus { PENDING, SUCCEEDED, DEAD, CANCELLED }
