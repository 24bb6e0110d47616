package io.liveloop.fulfillment;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, Kafka and HTTP (catalog and partners, played by WireMock) for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "fulfillment"), @ResourceArg(name = "kafka", value = "true")})
@QuarkusTestResource(WireMockServers.class)
public class FulfillmentTestResources {
}
