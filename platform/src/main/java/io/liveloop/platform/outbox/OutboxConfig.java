package io.liveloop.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "liveloop.outbox")
public interface OutboxConfig {

    /** Whether this process runs the relay (tests of other mechanisms may turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** Rows read and sent per round. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay waits for a commit notification before it looks anyway. Notifications make this a
     * safety net, not the normal path; a relay that is not the leader retries leadership at this pace too.
     */
    @WithDefault("PT2S")
    Duration pollInterval();

    /** First pause after a failed round; doubles up to {@link #retryMax()}. */
    @WithDefault("PT0.2S")
    Duration retryInitial();

    @WithDefault("PT30S")
    Duration retryMax();

    /** Published rows are kept this long for inspection, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
