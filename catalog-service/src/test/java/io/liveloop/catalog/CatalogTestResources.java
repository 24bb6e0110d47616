package io.liveloop.catalog;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "catalog"), @ResourceArg(name = "kafka", value = "true")})
public class CatalogTestResources {
}
