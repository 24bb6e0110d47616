package io.liveloop.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** How long a placed order waits for its payment: payBy = createdAt + this. */
    @WithDefault("PT15M")
    Duration paymentTimeout();

    /** A DELIVERED order the buyer has not confirmed completes by itself after this long. */
    @WithDefault("P7D")
    Duration autoCompleteAfter();

    /** How many orders one sweep of the timeout jobs handles at most. */
    @WithDefault("200")
    int sweepBatch();

    /** Idempotency keys are kept at least this long (the API promises 24 h). */
    @WithDefault("PT48H")
    Duration idempotencyRetention();

    /**
     * How long a request may hold an Idempotency-Key it claimed without finishing before another request with the
     * key takes it over, the first being taken to have died. Placing an order claims its key before it calls catalog
     * and finishes after: the lease must outlast that, with every timeout on the way (catalog's, the pool's).
     */
    @WithDefault("PT30S")
    Duration idempotencyClaimLease();

    /** Shop owners read from catalog are kept this long before they are asked again. */
    @WithDefault("PT5M")
    Duration shopOwnerCacheTtl();

    Timeouts timeouts();

    Sandbox sandbox();

    interface Timeouts {
        /** How often unpaid orders past pay-by are looked for (read by its @Scheduled). */
        @WithDefault("5s")
        String sweepEvery();

        /** How often long-delivered orders are completed (read by its @Scheduled). */
        @WithDefault("10m")
        String autoCompleteEvery();
    }

    interface Sandbox {
        /**
         * Whether buyers may pay with the sandbox (it takes no money: it only says it did). On in dev, in tests
         * and in a suite run by {@code ./liveloop up}; off in the prod profile unless ORDER_SANDBOX_ENABLED=true,
         * so that a production deployment cannot be paid with make-believe money.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The Standard Webhooks secret ({@code whsec_...}) the sandbox signs its callbacks with and this service
         * verifies them with. From the environment (ORDER_SANDBOX_WEBHOOK_SECRET); when it is not set, a random
         * secret is made at start, which is enough for one instance since both ends live in this process.
         */
        Optional<String> webhookSecret();

        /** How long after a charge the sandbox calls back, as a real provider would a moment later. */
        @WithDefault("PT0.3S")
        Duration callbackDelay();

        /** How often the sandbox tries to deliver a callback before it gives up. */
        @WithDefault("5")
        int callbackAttempts();
    }
}
