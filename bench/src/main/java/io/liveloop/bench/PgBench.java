package io.liveloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own ceiling for one order per transaction on one hot row (NOTES.md, "The hot row"): pgbench on the
 * suite's PostgreSQL server, on a scratch database of its own, running
 * {@code BEGIN; UPDATE stock SET qty = qty - 1 WHERE sku = 1 AND qty > 0; INSERT INTO orders ...; COMMIT;} with
 * durable commits, at 8 and at 32 clients. The better of the two is the baseline the flash and reserve benches are
 * compared with. The stock is large enough never to run out during the run.
 */
final class PgBench {

    static final int[] CLIENTS = {8, 32};

    record Run(int clients, double tps, double latencyMs, long failed, String error) {
    }

    record Baseline(List<Run> runs, int seconds) {
        double bestTps() {
            return runs.stream().mapToDouble(Run::tps).filter(t -> !Double.isNaN(t)).max().orElse(Double.NaN);
        }

        Run best() {
            return runs.stream().filter(r -> !Double.isNaN(r.tps())).max((a, b) -> Double.compare(a.tps(), b.tps())).orElse(null);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (Run r : runs) {
                parts.add(r.clients() + " clients: " + (Double.isNaN(r.tps()) ? "failed (" + r.error() + ")"
                        : Report.num(r.tps(), 0) + " tps, " + Report.ms(r.latencyMs()) + " avg"));
            }
            return String.join("; ", parts);
        }

        Map<String, Object> asMap() {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Run r : runs) {
                list.add(Map.of("clients", r.clients(), "tps", Double.isNaN(r.tps()) ? -1 : r.tps(),
                        "latencyAvgMs", Double.isNaN(r.latencyMs()) ? -1 : r.latencyMs(), "failed", r.failed()));
            }
            return Map.of("seconds", seconds, "runs", list, "bestTps", Double.isNaN(bestTps()) ? -1 : bestTps());
        }
    }

    static final String SCRIPT = """
            \\set buyer random(1, 1000000)
            BEGIN;
            UPDATE stock SET qty = qty - 1 WHERE sku = 1 AND qty > 0;
            INSERT INTO orders (sku, buyer, qty) VALUES (1, :buyer, 1);
            COMMIT;
            """;

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");

    private PgBench() {
    }

    static Baseline run(Pg pg, String dbPrefix, int seconds, Path workDir) {
        String db = dbPrefix + "pgbench_hotrow";
        Out.step("pgbench", "baseline on scratch database " + db + ": one order per transaction on one row, "
                + seconds + " s at each of 8 and 32 clients");
        pg.execute("postgres", "drop database if exists " + db, "create database " + db);
        List<Run> runs = new ArrayList<>();
        try {
            pg.execute(db,
                    "create table stock (sku int primary key, qty int not null check (qty >= 0))",
                    "create table orders (id bigserial primary key, sku int not null, buyer int not null, qty int not null,"
                            + " created_at timestamptz not null default now())",
                    "insert into stock values (1, 1000000000)");
            Path script = workDir.resolve("pgbench-hotrow.sql");
            Files.createDirectories(workDir);
            Files.writeString(script, SCRIPT);
            for (int clients : CLIENTS) {
                long free = pg.freeConnections();
                if (free < clients + 2) {
                    runs.add(new Run(clients, Double.NaN, Double.NaN, 0, "only " + free + " free connections on the server"));
                    continue;
                }
                runs.add(pgbench(pg, db, clients, seconds, script));
                Out.step("pgbench", clients + " clients: " + Report.num(runs.get(runs.size() - 1).tps(), 0) + " tps");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg.execute("postgres", "drop database if exists " + db);
        }
        return new Baseline(runs, seconds);
    }

    private static Run pgbench(Pg pg, String db, int clients, int seconds, Path script) throws IOException {
        List<String> cmd = List.of("pgbench", "-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user(),
                "-n", "-M", "prepared", "-j", "2", "-c", Integer.toString(clients), "-T", Integer.toString(seconds),
                "-f", script.toString(), db);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(clients, Double.NaN, Double.NaN, 0, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        Matcher failed = FAILED.matcher(out);
        if (p.exitValue() != 0 || !tps.find()) {
            return new Run(clients, Double.NaN, Double.NaN, 0, out.strip().lines().reduce((a, b) -> b).orElse("no output"));
        }
        return new Run(clients, Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, null);
    }

    static String ratio(double value, double baseline) {
        return Double.isNaN(value) || Double.isNaN(baseline) || baseline == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", value / baseline);
    }
}
