package io.liveloop.gateway;

import io.liveloop.platform.testing.ServiceBasicsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GatewayBasicsTest extends ServiceBasicsTest {

    @Override
    protected String[] readinessChecks() {
        return new String[] {};
    }
}
