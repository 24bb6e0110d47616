package io.liveloop.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured part of a bench, and what it cost: while it runs, the suite's processes (and the load generator) are
 * sampled from /proc, the services' database connections from pg_stat_activity and, with --profile, the named
 * services by JFR. {@link #end()} stops all three; the report gets the figures as a "where the time went" section.
 */
final class LoadPhase {

    private final String label;
    private final ProcessSampler processes;
    private final PgActivitySampler database;
    private final Profiler profiler;
    private final long begin = System.currentTimeMillis();
    private long end;
    private Map<String, String> profiles = Map.of();

    private LoadPhase(String label, ProcessSampler processes, PgActivitySampler database, Profiler profiler) {
        this.label = label;
        this.processes = processes;
        this.database = database;
        this.profiler = profiler;
    }

    static LoadPhase begin(Context c, String label, List<String> profiled) {
        Map<String, Long> pids = c.suite().pids();
        Map<String, Long> toProfile = new LinkedHashMap<>();
        profiled.forEach(s -> {
            if (pids.containsKey(s)) {
                toProfile.put(s, pids.get(s));
            }
        });
        Profiler profiler = new Profiler(toProfile, c.work().resolve("jfr"), c.profile());
        profiler.start();
        return new LoadPhase(label, new ProcessSampler(pids, 500).start(),
                new PgActivitySampler(c.pg(), c.dbPrefix(), 100).start(), profiler);
    }

    ProcessSampler processes() {
        return processes;
    }

    LoadPhase end() {
        end = System.currentTimeMillis();
        processes.close();
        database.close();
        profiles = profiler.stop(label);
        return this;
    }

    Map<String, ProcessSampler.Summary> summary() {
        return processes.summary(begin, end);
    }

    /** The section of the report: CPU and memory by process, database connection states, JFR summaries. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Where the time went: ").append(label).append(" (").append(Report.num((end - begin) / 1000.0, 0))
                .append(" s)\n\n");
        md.append("CPU in % of one core (the machine has ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, so ").append(100 * Runtime.getRuntime().availableProcessors())
                .append(" % is everything), sampled every 0.5 s from /proc:\n\n");
        md.append(ProcessSampler.table(summary())).append("\n");
        md.append("The services' database connections (pg_stat_activity every 0.1 s; share of the busy samples):\n\n");
        md.append(database.markdown()).append("\n");
        profiles.values().forEach(p -> md.append(p).append("\n"));
        return md.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", (end - begin) / 1000.0);
        Map<String, Object> proc = new LinkedHashMap<>();
        summary().forEach((name, s) -> proc.put(name, Map.of("cpuMeanPercent", round(s.meanCpuPercent()),
                "cpuPeakPercent", round(s.peakCpuPercent()), "rssMeanMiB", round(s.meanRssMiB()), "rssPeakMiB", round(s.peakRssMiB()))));
        m.put("processes", proc);
        m.put("database", database.summary());
        m.put("jfr", profiles);
        return m;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 10) / 10.0;
    }
}
