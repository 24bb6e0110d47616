package io.liveloop.bench;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./liveloop bench <name> [--option=value...]}: runs one bench (or {@code all}, one after the other), each on a
 * suite started clean for it, prints its table and writes it to {@code bench-results/}. Benchmarks print figures
 * and the baselines they are read against; they never fail on a time. A bench fails only when it could not measure
 * (the suite did not start, setup through the API was refused, the load generator crashed).
 */
public final class Bench {

    /** Options every bench takes: keep the suite running afterwards; JFR-profile the services during the load. */
    static final List<String> COMMON_OPTIONS = List.of("keep", "profile");

    interface Run {
        /** The options it takes (besides {@link #COMMON_OPTIONS}). */
        List<String> options();

        /** Whether JFR runs by default (footprint measures memory, so it does not). */
        default boolean profiledByDefault() {
            return true;
        }

        Report run(Context context);
    }

    static final Map<String, Run> BENCHES = new LinkedHashMap<>();

    static {
        BENCHES.put("flash", new FlashBench());
        BENCHES.put("reserve", new ReserveBench());
        BENCHES.put("loop", new LoopBench());
        BENCHES.put("gateway", new GatewayBench());
        BENCHES.put("feed", new FeedBench());
        BENCHES.put("footprint", new FootprintBench());
    }

    private Bench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !(BENCHES.containsKey(args[0]) || "all".equals(args[0]))) {
            System.err.println("usage: ./liveloop bench <" + String.join("|", BENCHES.keySet()) + "|all> [--option=value...]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("liveloop.root", ".")).toAbsolutePath().normalize();
        List<String> names = "all".equals(args[0]) ? List.copyOf(BENCHES.keySet()) : List.of(args[0]);
        List<String> rest = List.of(args).subList(1, args.length);
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            Options options;
            try {
                options = Options.parse(rest);
                if (!"all".equals(args[0])) {
                    options.requireKnown(name, BENCHES.get(name).options());
                }
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(2);
                return;
            }
            try {
                runOne(root, name, options);
            } catch (RuntimeException e) {
                System.err.println("\nbench " + name + " could not measure: " + e.getMessage());
                e.printStackTrace(System.err);
                failed.add(name);
            }
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static void runOne(Path root, String name, Options options) {
        Run bench = BENCHES.get(name);
        boolean keep = options.flag("keep", false);
        boolean profile = options.flag("profile", bench.profiledByDefault());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path work = root.resolve("bench/target/bench-work").resolve(name + "-" + stamp);
        System.out.println("liveloop bench " + name + "  (work files: " + work + ")");
        try (Suite suite = Suite.startClean(root, keep, work.resolve("logs"))) {
            Pg pg = new Pg(suite.postgresql());
            Context context = new Context(root, work, options, suite, new Api(suite.url("gateway")), pg,
                    System.getenv().getOrDefault("LIVELOOP_DB_PREFIX", ""), profile);
            Report report = bench.run(context);
            List<String> shown = new ArrayList<>();
            options.used().forEach((k, v) -> shown.add("--" + k + "=" + v));
            report.parameters(options.used(), "./liveloop bench " + name + " " + String.join(" ", shown));
            report.print();
            Path md = report.write(root.resolve("bench-results"), Machine.describe(pg.version()));
            System.out.println("  written: " + md + " (and .json)");
        }
    }
}
