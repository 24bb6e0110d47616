package io.liveloop.platform;

import io.liveloop.platform.testing.LiveLoopTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Applies the real database and broker to every @QuarkusTest of this module. */
@QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = @ResourceArg(name = "database", value = "platform"))
public class PlatformTestResources {
}
