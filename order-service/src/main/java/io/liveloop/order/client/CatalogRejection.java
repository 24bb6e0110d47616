package io.liveloop.order.client;

/** A 4xx answer of catalog, with its problem body; {@link CatalogClient} translates it into this service's terms. */
class CatalogRejection extends RuntimeException {

    private final int status;
    private final String body;

    CatalogRejection(int status, String body) {
        super("catalog refused the request with " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }
}
