package io.liveloop.fulfillment;

import io.liveloop.platform.testing.ServiceBasicsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FulfillmentBasicsTest extends ServiceBasicsTest {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"Database connections health check", "Kafka connection health check"};
    }
}
