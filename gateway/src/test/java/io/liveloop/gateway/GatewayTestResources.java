package io.liveloop.gateway;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL and Kafka for every @QuarkusTest of this module. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = ""), @ResourceArg(name = "kafka", value = "false")})
public class GatewayTestResources {
}
