package io.liveloop.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples, every period, the resident memory and CPU time of the suite's processes (and the load generator's, and
 * all PostgreSQL server processes together) from {@code /proc}, plus the whole machine's CPU use. CPU is in percent
 * of one core (this machine has {@code nproc} of them), so the load generator's share of the box is visible next to
 * the services'.
 */
final class ProcessSampler implements AutoCloseable {

    static final String POSTGRES = "postgresql (all)";
    static final String MACHINE = "machine (all cores)";
    static final String REST = "rest of the machine (not sampled above)";
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    record Sample(long atMillis, Map<String, Long> rssKb, Map<String, Double> cpuPercent) {
    }

    record Summary(double peakRssMiB, double meanRssMiB, double meanCpuPercent, double peakCpuPercent) {
    }

    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final long periodMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private long lastMachineBusy;
    private long lastMachineTotal;
    private long lastAt;

    ProcessSampler(Map<String, Long> pids, long periodMillis) {
        this.pids.putAll(pids);
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "process-sampler");
        this.thread.setDaemon(true);
    }

    ProcessSampler start() {
        thread.start();
        return this;
    }

    /** Also samples this process (e.g. the load generator once it started). */
    void watch(String name, long pid) {
        pids.put(name, pid);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Per process: peak and mean RSS, mean and peak CPU, over the samples taken in [from, to] (epoch millis). */
    Map<String, Summary> summary(long fromMillis, long toMillis) {
        Map<String, Summary> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(pids.keySet());
        names.add(POSTGRES);
        names.add(MACHINE);
        names.add(REST);
        for (String name : names) {
            double peakRss = 0;
            double sumRss = 0;
            int nRss = 0;
            double sumCpu = 0;
            double peakCpu = 0;
            int nCpu = 0;
            for (Sample s : samples) {
                if (s.atMillis() < fromMillis || s.atMillis() > toMillis) {
                    continue;
                }
                Long rss = s.rssKb().get(name);
                if (rss != null && !POSTGRES.equals(name)) {
                    peakRss = Math.max(peakRss, rss / 1024.0);
                    sumRss += rss / 1024.0;
                    nRss++;
                }
                Double cpu = s.cpuPercent().get(name);
                if (cpu != null) {
                    sumCpu += cpu;
                    peakCpu = Math.max(peakCpu, cpu);
                    nCpu++;
                }
            }
            if (nCpu > 0 || nRss > 0) {
                out.put(name, new Summary(nRss == 0 ? Double.NaN : peakRss, nRss == 0 ? Double.NaN : sumRss / nRss,
                        nCpu == 0 ? Double.NaN : sumCpu / nCpu, nCpu == 0 ? Double.NaN : peakCpu));
            }
        }
        return out;
    }

    /** The latest RSS of one process, in MiB. */
    double rssMiB(String name) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            Long kb = samples.get(i).rssKb().get(name);
            if (kb != null) {
                return kb / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** A Markdown table of the summary, CPU as % of one core. */
    static String table(Map<String, Summary> summary) {
        StringBuilder md = new StringBuilder("| process | CPU mean | CPU peak | RSS mean | RSS peak |\n|---|---:|---:|---:|---:|\n");
        summary.forEach((name, s) -> md.append("| ").append(name).append(" | ").append(Report.num(s.meanCpuPercent(), 0))
                .append(" % | ").append(Report.num(s.peakCpuPercent(), 0)).append(" % | ")
                .append(Double.isNaN(s.meanRssMiB()) ? "" : Report.num(s.meanRssMiB(), 0) + " MiB").append(" | ")
                .append(Double.isNaN(s.peakRssMiB()) ? "" : Report.num(s.peakRssMiB(), 0) + " MiB").append(" |\n"));
        return md.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long now = System.currentTimeMillis();
        double seconds = lastAt == 0 ? 0 : (now - lastAt) / 1000.0;
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long pid = e.getValue();
            long kb = rssKb(pid);
            if (kb < 0) {
                continue;
            }
            rss.put(e.getKey(), kb);
            long ticks = cpuTicks(pid);
            Long last = lastTicks.put(pid, ticks);
            if (last != null && seconds > 0) {
                cpu.put(e.getKey(), 100.0 * (ticks - last) / TICKS_PER_SECOND / seconds);
            }
        }
        long pgTicksDelta = 0;
        boolean pgSeen = false;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                String comm;
                try {
                    comm = Files.readString(proc.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue;
                }
                if (!"postgres".equals(comm)) {
                    continue;
                }
                long pid = Long.parseLong(proc.getFileName().toString());
                long ticks = cpuTicks(pid);
                if (ticks < 0) {
                    continue;
                }
                Long last = lastTicks.put(pid, ticks);
                pgTicksDelta += last == null ? 0 : ticks - last;
                pgSeen = true;
            }
        } catch (IOException ignored) {
            // /proc not readable: no PostgreSQL figure
        }
        if (pgSeen && seconds > 0) {
            cpu.put(POSTGRES, 100.0 * pgTicksDelta / TICKS_PER_SECOND / seconds);
        }
        long[] machine = machineTicks();
        if (machine != null) {
            if (lastMachineTotal > 0 && machine[1] > lastMachineTotal) {
                double cores = Runtime.getRuntime().availableProcessors();
                double all = 100.0 * cores * (machine[0] - lastMachineBusy) / (machine[1] - lastMachineTotal);
                double ours = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
                cpu.put(MACHINE, all);
                cpu.put(REST, Math.max(0, all - ours)); // other suites, builds, this harness: what competes for the cores
            }
            lastMachineBusy = machine[0];
            lastMachineTotal = machine[1];
        }
        lastAt = now;
        if (seconds > 0) {
            samples.add(new Sample(now, rss, cpu));
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {busy, total} jiffies of all CPUs. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
