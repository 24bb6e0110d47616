package io.liveloop.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Java Flight Recorder on the running services, for the load phase only: {@code jcmd <pid> JFR.start} before it,
 * {@code JFR.dump} and {@code JFR.stop} after it (no restart, no agent). Each recording is then read with
 * {@code jdk.jfr.consumer} and summed up: where the CPU samples fall (by layer and by the LiveLoop method on the
 * stack), what the threads in native code wait for (PostgreSQL, Kafka, HTTP), where threads parked longest (a
 * connection pool, a lock), and how much the collector paused. The .jfr files stay next to the results.
 */
final class Profiler {

    private static final String RECORDING = "liveloop-bench";

    private final Map<String, Long> pids;
    private final Path directory;
    private final boolean enabled;

    Profiler(Map<String, Long> pids, Path directory, boolean enabled) {
        this.pids = pids;
        this.directory = directory;
        this.enabled = enabled;
    }

    void start() {
        if (!enabled) {
            return;
        }
        pids.forEach((service, pid) -> jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile"));
    }

    /** Dumps and stops every recording; answers the summary of each (Markdown) by service. */
    Map<String, String> stop(String label) {
        Map<String, String> summaries = new LinkedHashMap<>();
        if (!enabled) {
            return summaries;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pids.forEach((service, pid) -> {
            String slug = label.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            Path file = directory.resolve(slug + "-" + service + ".jfr").toAbsolutePath();
            jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file);
            jcmd(pid, "JFR.stop", "name=" + RECORDING);
            if (Files.isRegularFile(file)) {
                try {
                    summaries.put(service, summarize(service, file));
                } catch (IOException | RuntimeException e) {
                    summaries.put(service, "#### " + service + "\n\n(could not read " + file + ": " + e + ")\n");
                }
            }
        });
        return summaries;
    }

    private static void jcmd(long pid, String... args) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Exception")
                    || out.contains("Error") || out.contains("Could not")) {
                System.err.println("jcmd " + String.join(" ", args) + " on " + pid + " failed: " + out.strip());
            }
        } catch (IOException e) {
            System.err.println("jcmd is not available (" + e.getMessage() + "): no profile");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- reading a recording ---------------------------------------------------------------------------

    private static final String[][] LAYERS = {
            {"org.postgresql.", "PostgreSQL JDBC driver"},
            {"org.hibernate.", "Hibernate ORM"}, {"io.quarkus.hibernate", "Hibernate ORM"},
            {"io.agroal.", "connection pool and transactions"}, {"com.arjuna.", "connection pool and transactions"},
            {"io.narayana.", "connection pool and transactions"},
            {"com.fasterxml.jackson.", "JSON (Jackson)"},
            {"io.netty.", "Netty / Vert.x (HTTP, event loops)"}, {"io.vertx.", "Netty / Vert.x (HTTP, event loops)"},
            {"org.jboss.resteasy.", "REST layer"}, {"io.quarkus.resteasy.", "REST layer"},
            {"io.quarkus.rest.", "REST layer"},
            {"org.apache.kafka.", "Kafka client"}, {"io.smallrye.reactive.messaging", "Kafka client"},
            {"io.smallrye.jwt.", "JWT and crypto"}, {"org.jose4j.", "JWT and crypto"}, {"sun.security.", "JWT and crypto"},
            {"java.security.", "JWT and crypto"}, {"javax.crypto.", "JWT and crypto"}, {"com.sun.crypto.", "JWT and crypto"},
            {"org.jboss.logmanager.", "logging"}, {"org.jboss.logging.", "logging"},
            {"io.smallrye.faulttolerance.", "fault tolerance"}, {"org.hibernate.validator.", "Bean Validation"},
            {"io.liveloop.", "LiveLoop code"},
            {"java.", "JDK"}, {"jdk.", "JDK"}, {"sun.", "JDK"}, {"com.sun.", "JDK"},
    };

    private static final String[][] WAITS = {
            {"org.postgresql.", "PostgreSQL (JDBC round trips)"},
            {"org.apache.kafka.", "Kafka client"},
            {"jdk.internal.net.http.", "JDK HTTP client"}, {"java.net.http.", "JDK HTTP client"},
            {"io.netty.", "Netty / Vert.x event loop (epoll)"}, {"io.vertx.", "Netty / Vert.x event loop (epoll)"},
    };

    /** Where an idle worker waits for work (the first non-JDK frame of its park): left out of the wait figures. */
    private static final String[] IDLE = {
            "org.jboss.threads.", "io.netty.", "io.vertx.", "org.apache.kafka.", "io.smallrye.reactive.messaging",
            "io.quarkus.scheduler", "io.quarkus.runtime.", "io.smallrye.faulttolerance.core.timer.",
            "io.liveloop.platform.outbox",
    };

    static String summarize(String service, Path file) throws IOException {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> callers = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> nativeWaits = new HashMap<>();
        Map<String, long[]> parks = new HashMap<>();
        int cpuSamples = 0;
        int nativeSamples = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuLoads = 0;
        java.time.Instant first = null;
        java.time.Instant last = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (first == null || e.getStartTime().isBefore(first)) {
                    first = e.getStartTime();
                }
                if (last == null || e.getEndTime().isAfter(last)) {
                    last = e.getEndTime();
                }
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        cpuSamples++;
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        layers.merge(layer(frames), 1, Integer::sum);
                        callers.merge(nearestLiveLoop(frames), 1, Integer::sum);
                        String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
                        threads.merge(threadGroup(thread), 1, Integer::sum);
                    }
                    case "jdk.NativeMethodSample" -> {
                        if (!isWorker(e)) {
                            continue; // event loops idle in epoll, consumers idle in poll: not a request waiting
                        }
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        nativeSamples++;
                        nativeWaits.merge(classify(frames, WAITS, "other native code") + " ← " + nearestLiveLoop(frames), 1,
                                Integer::sum);
                    }
                    case "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> {
                        if (!isWorker(e)) {
                            continue;
                        }
                        List<RecordedFrame> frames = frames(e.getStackTrace());
                        String site = waitSite(e, frames);
                        if (site != null) {
                            long[] acc = parks.computeIfAbsent(site, k -> new long[2]);
                            acc[0]++;
                            acc[1] += e.getDuration().toNanos();
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                    }
                    case "jdk.CPULoad" -> {
                        jvmCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        machineCpu += e.getFloat("machineTotal");
                        cpuLoads++;
                    }
                    default -> {
                    }
                }
            }
        }
        double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder();
        md.append("#### ").append(service).append(" (JFR, ").append(Report.num(seconds, 1)).append(" s, ")
                .append(cpuSamples).append(" CPU samples)\n\n");
        if (cpuLoads > 0) {
            md.append("- JVM CPU ").append(Report.num(100.0 * cores * jvmCpu / cpuLoads, 0)).append(" % of one core on average; machine ")
                    .append(Report.num(100.0 * cores * machineCpu / cpuLoads, 0)).append(" % of ").append(cores * 100).append(" %\n");
        }
        md.append("- CPU samples by layer: ").append(shares(layers, cpuSamples, 8)).append("\n");
        md.append("- CPU samples by the LiveLoop method on the stack: ").append(shares(callers, cpuSamples, 6)).append("\n");
        md.append("- CPU samples by thread: ").append(shares(threads, cpuSamples, 5)).append("\n");
        if (nativeSamples > 0) {
            md.append("- Request threads blocked in I/O (native samples of the worker pool), by what they wait for ← called from: ")
                    .append(shares(nativeWaits, nativeSamples, 5)).append("\n");
        }
        if (!parks.isEmpty()) {
            md.append("- Request threads' longest waits for a resource (parks and monitor waits ≥ 10 ms): ");
            List<String> parts = new ArrayList<>();
            parks.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(4)
                    .forEach(p -> parts.add("`" + p.getKey() + "` " + Report.num(p.getValue()[1] / 1e9, 1) + " s in "
                            + p.getValue()[0] + " waits"));
            md.append(String.join("; ", parts)).append("\n");
        }
        md.append("- GC: ").append(gcCount).append(" collections, ").append(gcPause.toMillis()).append(" ms paused in total\n");
        md.append("- Recording: `").append(file.getFileName()).append("`\n");
        return md.toString();
    }

    /** A thread of the pool that runs blocking request handling (Quarkus' executor-thread-N). */
    private static boolean isWorker(RecordedEvent e) {
        var thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("executor-thread");
    }

    private static List<RecordedFrame> frames(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String layer(List<RecordedFrame> frames) {
        if (frames.isEmpty()) {
            return "unknown";
        }
        String top = name(frames.get(0));
        for (String[] l : LAYERS) {
            if (top.startsWith(l[0])) {
                return l[1];
            }
        }
        String[] parts = top.split("\\.");
        return "other (" + (parts.length > 2 ? parts[0] + "." + parts[1] : top) + ")";
    }

    /** The first frame from the top that is LiveLoop code, shortened to Class.method; "no LiveLoop frame" if none. */
    private static String nearestLiveLoop(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("io.liveloop.") && !type.contains("$$")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        return "no LiveLoop frame";
    }

    private static String classify(List<RecordedFrame> frames, String[][] table, String fallback) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            for (String[] w : table) {
                if (n.startsWith(w[0])) {
                    return w[1];
                }
            }
        }
        return fallback;
    }

    /**
     * Where a request thread waited: the first frame that is not the JDK's (the JDK's locks, futures and queues are
     * how it waits, not what for), and for a monitor the class of the lock; null for a worker waiting for work.
     */
    private static String waitSite(RecordedEvent e, List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun.")) {
                continue;
            }
            for (String idle : IDLE) {
                if (n.startsWith(idle)) {
                    return null;
                }
            }
            if ("jdk.JavaMonitorEnter".equals(e.getEventType().getName()) && e.getClass("monitorClass") != null) {
                n = "lock of " + e.getClass("monitorClass").getName() + " in " + n;
            }
            return n + " ← " + nearestLiveLoop(frames);
        }
        return null;
    }

    private static String threadGroup(String thread) {
        return thread.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
    }

    private static String shares(Map<String, Integer> counts, int total, int top) {
        if (total == 0) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(e -> parts.add(e.getKey() + " " + Report.num(100.0 * e.getValue() / total, 0) + " %"));
        return String.join(", ", parts);
    }
}
