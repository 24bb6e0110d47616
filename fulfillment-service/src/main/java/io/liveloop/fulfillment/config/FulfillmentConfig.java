package io.liveloop.fulfillment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "fulfillment")
public interface FulfillmentConfig {

    Webhooks webhooks();

    Sla sla();

    interface Webhooks {
        /**
         * Delay before each attempt, the first counted from the delivery's creation: the Standard Webhooks
         * schedule. Its length is the number of attempts; after the last one the delivery is DEAD.
         */
        @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
        List<Duration> retrySchedule();

        /** Random extra delay, as a fraction of each scheduled delay, so retries of many deliveries spread out. */
        @WithDefault("0.1")
        double jitter();

        /** How long one attempt may take before it counts as failed. */
        @WithDefault("15s")
        Duration timeout();

        /** The longest Retry-After (429/503) honoured; a partner asking for more gets this. */
        @WithDefault("24h")
        Duration maxRetryAfter();

        /**
         * How often the sender looks for due deliveries anyway (read by its @Scheduled): the safety net, and when
         * retries are sent. A new delivery wakes the sender as soon as it is committed.
         */
        @WithDefault("1s")
        String pollEvery();

        /** At most this many attempts in flight at once (bounds connections and threads). */
        @WithDefault("16")
        int maxInFlight();

        /**
         * Whether the sender may call loopback, link-local and private (site-local, unique-local) addresses.
         * Off in production, so a partner record cannot be used to probe the platform's own network.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How long a rotated-out secret still verifies inbound webhooks and still signs outbound ones. */
        @WithDefault("24h")
        Duration previousSecretGrace();

        /** How many characters of a partner's response body are kept with an attempt. */
        @WithDefault("512")
        int responseExcerptChars();
    }

    interface Sla {
        /** How often shipments past their ship-by are looked for (read by its @Scheduled). */
        @WithDefault("1m")
        String overdueCheckEvery();

        /** The window of the performance figures when the caller gives no ?since=. */
        @WithDefault("P30D")
        Duration defaultPerformanceWindow();
    }
}
