package io.liveloop.livestream.client;

import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * What this service asks catalog-service, with its failures in this service's terms: an unknown product is an
 * empty answer; an unreachable, slow or failing catalog is a 503 {@code catalog-unavailable} problem (after a
 * couple of quick retries; a circuit breaker stops hammering a catalog that keeps failing). Nothing is ever
 * decided "on faith" without catalog's answer.
 */
@ApplicationScoped
public class CatalogClient {

    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    private final CatalogRestClient catalog;

    public CatalogClient(@RestClient CatalogRestClient catalog) {
        this.catalog = catalog;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "catalogUnavailable")
    public Optional<CatalogProduct> product(UUID productId) {
        try {
            return Optional.of(catalog.product(productId));
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            LOG.warnf("catalog-service answered %s for product %s", e.getResponse() == null ? "?" : e.getResponse().getStatus(), productId);
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("catalog-service could not be asked about product %s: %s", productId, e.toString());
            throw e;
        }
    }

    Optional<CatalogProduct> catalogUnavailable(UUID productId) {
        throw new ProblemException(503, "catalog-unavailable", "Catalog unavailable",
                "catalog-service could not confirm that product " + productId
                        + " may be pinned (it is unreachable or failing); nothing was changed, try again shortly");
    }
}
