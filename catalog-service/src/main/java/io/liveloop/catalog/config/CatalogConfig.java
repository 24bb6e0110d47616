package io.liveloop.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** Product images must be served from the platform's own media host (or its subdomains). */
    @WithDefault("media.liveloop.example")
    String mediaHost();

    Reservations reservations();

    interface Reservations {
        /** A reservation neither confirmed nor released is released this long after it expired. */
        @WithDefault("PT1M")
        Duration expiryGrace();

        /** How often the sweeper looks for expired reservations (read by its @Scheduled). */
        @WithDefault("30s")
        String sweepEvery();

        /** How many expired reservations one sweep releases at most. */
        @WithDefault("200")
        int sweepBatch();

        Batching batching();
    }

    /**
     * The merged deduction ({@code ReservationBatcher}): concurrent reservation requests are granted together in
     * one transaction that takes each involved SKU's row lock once.
     */
    interface Batching {
        /** At most this many reservations share one transaction (bounds its locks, statements and latency). */
        @WithDefault("100")
        int maxSize();

        /** Requests waiting for a batch beyond this are refused with a 503 (the caller retries the same id). */
        @WithDefault("2000")
        int queueCapacity();

        /**
         * Threads that each run one batch transaction at a time. Two let one batch prepare (advisory locks,
         * stored answers) while the other holds a hot SKU's row lock through its commit.
         */
        @WithDefault("2")
        int workers();
    }
}
