package io.liveloop.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

/** Where the services answer (in a cluster: their Service names). */
@ConfigMapping(prefix = "liveloop.services")
public interface ServicesConfig {

    URI catalogUrl();

    URI orderUrl();

    URI livestreamUrl();

    URI fulfillmentUrl();
}
