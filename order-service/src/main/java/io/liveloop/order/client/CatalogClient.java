package io.liveloop.order.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * catalog-service as order-service needs it: stock reservations and shop owners. Owns timeouts, retries and the
 * circuit breaker, and says catalog's refusals in this service's terms (problems a buyer understands). Catalog
 * being down or slow is a 503 problem, never a silent fallback.
 *
 * <p>Retrying a reservation is safe: catalog answers the same reservation id with the same reservation.
 */
@ApplicationScoped
public class CatalogClient {

    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    private final CatalogRestClient catalog;
    private final ObjectMapper json;

    public CatalogClient(@RestClient CatalogRestClient catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * Reserves every item (skuId → quantity) or none, for the order whose id is {@code reservationId}.
     *
     * <p>The circuit breaker counts only what says catalog itself is in trouble: a 5xx answer, or no connection to it.
     * A timeout does not count: measured here it includes this service's own delay in reading the answer (its event
     * loops and CPU), and in a flash sale on a busy machine that delay dominated (catalog answered in 0.1 s what this
     * client saw after 4 s), so timeouts opened the breaker on a healthy catalog and every buyer got 503. A timed-out
     * call is not retried either: its reservation may still be granted, and a second request would only add load.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, abortOn = {ProblemException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = {CatalogUnavailableException.class, ProcessingException.class})
    @Fallback(fallbackMethod = "reservationUnavailable", skipOn = ProblemException.class)
    public CatalogReservation reserve(UUID reservationId, Map<UUID, Integer> items, Instant expiresAt) {
        List<CatalogReservation.RequestItem> requested = new ArrayList<>();
        items.forEach((sku, quantity) -> requested.add(new CatalogReservation.RequestItem(sku, quantity)));
        try {
            return catalog.reserve(new CatalogReservation.Request(reservationId, requested, expiresAt));
        } catch (CatalogRejection rejection) {
            throw reservationRefused(rejection);
        }
    }

    CatalogReservation reservationUnavailable(UUID reservationId, Map<UUID, Integer> items, Instant expiresAt,
                                              Throwable cause) {
        throw unavailable("reserve stock", cause);
    }

    /**
     * Gives a reservation back at once (an order that could not be placed after all). Best effort: if it fails,
     * catalog releases the reservation when it expires.
     */
    public void releaseQuietly(UUID reservationId) {
        try {
            catalog.release(reservationId);
        } catch (RuntimeException e) {
            LOG.warnf("Could not release reservation %s at once (%s); catalog releases it when it expires",
                    reservationId, e.getMessage());
        }
    }

    /** Who owns a shop; a shop catalog does not know is a 404 problem. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "shopUnavailable", skipOn = ProblemException.class)
    public CatalogShop shop(UUID shopId) {
        try {
            return catalog.shop(shopId);
        } catch (CatalogRejection rejection) {
            if (rejection.status() == 404) {
                throw ProblemException.notFound("shop", shopId);
            }
            throw new IllegalStateException("catalog refused to describe shop " + shopId, rejection);
        }
    }

    CatalogShop shopUnavailable(UUID shopId, Throwable cause) {
        throw unavailable("look up shop " + shopId, cause);
    }

    private ProblemException unavailable(String what, Throwable cause) {
        LOG.warnf("catalog-service could not %s: %s", what, cause.toString());
        return new ProblemException(503, "catalog-unavailable", "Catalog unavailable",
                "catalog-service could not " + what + " just now; try again in a moment");
    }

    private RuntimeException reservationRefused(CatalogRejection rejection) {
        JsonNode problem = problemBody(rejection);
        String type = problem.path("type").asText("");
        if (rejection.status() == 409 && type.endsWith("/out-of-stock")) {
            List<Map<String, Object>> shortSkus = new ArrayList<>();
            List<String> described = new ArrayList<>();
            for (JsonNode s : problem.path("shortSkus")) {
                Map<String, Object> shortage = new LinkedHashMap<>();
                shortage.put("skuId", s.path("skuId").asText());
                shortage.put("requested", s.path("requested").asInt());
                shortage.put("available", s.path("available").asInt());
                shortSkus.add(shortage);
                described.add("SKU " + s.path("skuId").asText() + " (requested " + s.path("requested").asInt()
                        + ", available " + s.path("available").asInt() + ")");
            }
            return new ProblemException(409, "out-of-stock", "Out of stock", "Not enough stock for " + String.join(", ", described),
                    List.of(), Map.of("shortSkus", shortSkus));
        }
        if (rejection.status() == 409 && type.endsWith("/not-on-sale")) {
            List<String> productIds = texts(problem.path("productIds"));
            return new ProblemException(409, "not-on-sale", "Product not on sale",
                    "Product(s) " + String.join(", ", productIds) + " are not on sale", List.of(),
                    Map.of("productIds", productIds));
        }
        if (rejection.status() == 404) {
            List<String> skuIds = texts(problem.path("unknownSkuIds"));
            return new ProblemException(422, "unknown-sku", "Unknown SKU",
                    "No such SKU: " + String.join(", ", skuIds), List.of(), Map.of("skuIds", skuIds));
        }
        if (rejection.status() == 422 && type.endsWith("/reservation-id-reused")) {
            // The order id derives from the idempotency key: catalog saw this key before, with other items.
            return new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used before for an order with other items; use a new key for a new order");
        }
        return new IllegalStateException("catalog refused a reservation unexpectedly", rejection);
    }

    private JsonNode problemBody(CatalogRejection rejection) {
        try {
            return rejection.body() == null || rejection.body().isBlank() ? json.createObjectNode() : json.readTree(rejection.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
