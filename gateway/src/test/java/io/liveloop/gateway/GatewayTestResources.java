package io.liveloop.gateway;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * For every @QuarkusTest of this module: JWT verification against TestTokens' key (no database, no Kafka: the
 * gateway has neither) and real upstream HTTP servers in place of the four services.
 */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = ""), @ResourceArg(name = "kafka", value = "false")})
@QuarkusTestResource(UpstreamServers.class)
public class GatewayTestResources {
}
