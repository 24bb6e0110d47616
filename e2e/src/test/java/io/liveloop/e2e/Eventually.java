package io.liveloop.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits for what travels asynchronously (events between services) to show, reading again every 250 ms up to a minute. */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Eventually() {
    }

    static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value = read.get();
        while (!done.test(value)) {
            assertThat(Instant.now()).as("still not there after %s: %s", PATIENCE, value).isBefore(deadline);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }
}
