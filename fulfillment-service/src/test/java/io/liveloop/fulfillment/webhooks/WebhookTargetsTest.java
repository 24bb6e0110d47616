package io.liveloop.fulfillment.webhooks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"8.8.8.8", "203.0.113.7", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }
}
