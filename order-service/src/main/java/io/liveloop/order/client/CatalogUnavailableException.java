package io.liveloop.order.client;

/** Catalog answered with a 5xx: worth a retry, counts against the circuit breaker. */
class CatalogUnavailableException extends RuntimeException {

    CatalogUnavailableException(String message) {
        super(message);
    }
}
