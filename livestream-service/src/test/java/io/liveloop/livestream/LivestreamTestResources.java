package io.liveloop.livestream;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every @QuarkusTest of this module, and catalog-service as a real HTTP server. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "livestream"), @ResourceArg(name = "kafka", value = "true")})
@QuarkusTestResource(CatalogStub.class)
public class LivestreamTestResources {
}
