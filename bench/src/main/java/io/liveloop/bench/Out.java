package io.liveloop.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines of a bench run: time, step, what happened. */
final class Out {

    private Out() {
    }

    static void step(String step, String detail) {
        System.out.printf("  %s  %-10s %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), step, detail);
        System.out.flush();
    }
}
