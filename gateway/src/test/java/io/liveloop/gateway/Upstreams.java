package io.liveloop.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The servers standing in for the services, injected into a test's field of this type. */
public record Upstreams(WireMockServer catalog, WireMockServer order, FeedServer livestream, WireMockServer fulfillment) {

    public void resetAll() {
        catalog.resetAll();
        order.resetAll();
        fulfillment.resetAll();
        livestream.reset();
    }
}
