package io.liveloop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * footprint: {@code ./liveloop up} from a stopped suite to every service healthy, with the build warm (nothing to
 * compile: the clean start before it built whatever was stale), and each service's resident memory idle and under a
 * flash sale. Not profiled by default: JFR's own buffers would count in the RSS.
 */
final class FootprintBench implements Bench.Run {

    private static final Pattern STEP = Pattern.compile("^\\s+(\\S[^\\d]*?)\\s+(\\d+)s\\s+(ok|skip|FAILED)\\b(.*)$");

    @Override
    public List<String> options() {
        return List.of("units", "concurrency", "settle");
    }

    @Override
    public boolean profiledByDefault() {
        return false;
    }

    @Override
    public Report run(Context c) {
        int units = c.options().integer("units", 2000);
        int users = c.options().integer("concurrency", 256);
        int settle = c.options().integer("settle", 15);

        Out.step("footprint", "./liveloop down, then ./liveloop up timed");
        c.suite().down();
        long began = System.nanoTime();
        String output = c.suite().up();
        double upSeconds = (System.nanoTime() - began) / 1e9;
        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = STEP.matcher(line);
            if (m.matches()) {
                steps.put(m.group(1).strip(), m.group(2) + " s " + m.group(3));
            }
        }

        Out.step("footprint", "idle for " + settle + " s, then resident memory of each process");
        FlashBench.sleep(settle * 1000L);
        ProcessSampler idle = new ProcessSampler(c.suite().pids(), 500).start();
        FlashBench.sleep(5_000);
        idle.close();
        Map<String, ProcessSampler.Summary> idleSummary = idle.summary(0, Long.MAX_VALUE);

        FlashBench.Sale sale = FlashBench.prepare(c, units, users, units + Math.max(units / 4, users), 0);
        LoadPhase phase = c.begin("flash sale (footprint)", List.of());
        FlashBench.Outcome outcome = FlashBench.load(c, sale, phase.processes());
        phase.end();
        Map<String, ProcessSampler.Summary> loaded = phase.summary();
        long accepted = outcome.answers().stream().filter(FlashBench.Answer::accepted).count();

        Report r = new Report("footprint", "footprint: ./liveloop up (warm build) and resident memory, idle and under a flash sale");
        r.row("./liveloop up, stopped → all healthy", Report.num(upSeconds, 1) + " s", "target ≤ 60 s (steps below)");
        List<Map<String, Object>> services = new ArrayList<>();
        for (String name : c.suite().pids().keySet()) {
            ProcessSampler.Summary i = idleSummary.get(name);
            ProcessSampler.Summary l = loaded.get(name);
            double idleRss = i == null ? Double.NaN : i.meanRssMiB();
            double peakRss = l == null ? Double.NaN : l.peakRssMiB();
            r.row(name + " RSS idle / peak under flash", Report.num(idleRss, 0) + " / " + Report.num(peakRss, 0) + " MiB",
                    "kafka".equals(name) ? "(the broker)" : "target idle ≤ 250 MB");
            services.add(Map.of("component", name, "rssIdleMiB", idleRss, "rssPeakFlashMiB", peakRss,
                    "cpuMeanFlashPercent", l == null ? -1 : l.meanCpuPercent()));
        }
        long soldOut = outcome.answers().stream().filter(FlashBench.Answer::soldOut).count();
        r.row("flash sale during the measurement", accepted + " of " + sale.units() + " units sold", sale.users()
                + " concurrent buyers, " + outcome.answers().size() + " orders: " + soldOut + " sold out, "
                + (outcome.answers().size() - accepted - soldOut) + " other answers");
        r.result("upSeconds", upSeconds).result("upSteps", steps).result("components", services)
                .result("flashAccepted", accepted).result("flashOrders", outcome.answers().size());
        r.section("### Idle (" + settle + " s after up, sampled for 5 s)\n\n" + ProcessSampler.table(idleSummary));
        r.section(phase.markdown());
        StringBuilder stepList = new StringBuilder("### ./liveloop up, step by step\n\n");
        steps.forEach((step, time) -> stepList.append("- ").append(step).append(": ").append(time).append("\n"));
        r.section(stepList.toString());
        r.profile("flash", phase.json());
        return r;
    }
}
