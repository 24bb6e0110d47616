package io.liveloop.order;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka, and catalog as a real HTTP server (WireMock), for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "kafka", value = "true")})
@QuarkusTestResource(CatalogStub.class)
public class OrderTestResources {
}
