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
    }
}
