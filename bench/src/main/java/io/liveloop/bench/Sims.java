package io.liveloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the simulations share: their parameters (system properties set by {@link GatlingRun}), the wall clock in
 * microseconds (comparable across this machine's processes, so a send time taken in Gatling's JVM can be set against
 * an arrival time taken in the harness's), and writing what they measured for the harness to read.
 */
final class Sims {

    private Sims() {
    }

    static String prop(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (simulations run through ./liveloop bench)");
        }
        return value;
    }

    static int intProp(String name) {
        return Integer.parseInt(prop(name));
    }

    /** Microseconds since the epoch (the JDK's clock on Linux has microsecond resolution). */
    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the records to the file named by {@code bench.out}. */
    static void writeResults(Collection<String> records) {
        try {
            Files.write(Path.of(prop("bench.out")), records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints {@code what.get()} every {@code seconds} as a progress line the harness shows; answers the ticker. */
    static ScheduledExecutorService progress(int seconds, Supplier<String> what) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> say(what.get()), seconds, seconds, TimeUnit.SECONDS);
        return ticker;
    }

    static void say(String line) {
        System.out.println(GatlingRun.PROGRESS + line);
        System.out.flush();
    }
}
