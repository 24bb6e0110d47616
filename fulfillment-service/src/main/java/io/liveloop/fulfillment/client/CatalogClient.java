package io.liveloop.fulfillment.client;

import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * catalog-service, in fulfillment's terms. Owns the timeout, the retries and the circuit breaker of the call, and
 * translates catalog's answers: a missing shop is an empty result; catalog being down, slow or broken is a 503
 * problem ({@code catalog-unavailable}), never a guess about who owns a shop.
 */
@ApplicationScoped
public class CatalogClient {

    private static final Logger LOG = Logger.getLogger(CatalogClient.class);

    private final CatalogRestClient catalog;

    public CatalogClient(@RestClient CatalogRestClient catalog) {
        this.catalog = catalog;
    }

    /** The shop, read with the caller's own token (catalog checks it too); empty if catalog does not know it. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "catalogUnavailable", skipOn = ProblemException.class)
    public Optional<CatalogShop> shop(UUID shopId, String authorization) {
        try {
            return Optional.of(catalog.shop(shopId, authorization));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                // We forward a token we verified ourselves; catalog refusing it means the services disagree.
                throw new ProblemException(503, "catalog-unavailable", "Catalog unavailable",
                        "catalog-service refused to tell who owns shop " + shopId + " (HTTP " + status + ")");
            }
            throw e;
        }
    }

    Optional<CatalogShop> catalogUnavailable(UUID shopId, String authorization) {
        LOG.warnf("catalog-service could not be asked about shop %s (timeouts, errors or open circuit)", shopId);
        throw new ProblemException(503, "catalog-unavailable", "Catalog unavailable",
                "catalog-service did not answer who owns shop " + shopId + "; try again shortly");
    }
}
