package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * reserve: catalog-service's stock design alone — its internal reservation API, no gateway, no order-service — under
 * the same concurrency, on one hot SKU and spread over many SKUs of ample stock (no hot row), against pgbench's
 * one-row-lock-per-transaction rate on the same server. hot / spread shows what a hot SKU costs the design;
 * hot / pgbench whether it beats taking the row lock once per reservation.
 */
final class ReserveBench implements Bench.Run {

    @Override
    public List<String> options() {
        return List.of("concurrency", "seconds", "warmup", "spread-skus", "baseline-seconds");
    }

    @Override
    public Report run(Context c) {
        int connections = c.options().integer("concurrency", 256);
        int seconds = c.options().integer("seconds", 20);
        int warmup = c.options().integer("warmup", 30);
        int spreadSkus = c.options().integer("spread-skus", 1000);
        int baselineSeconds = c.options().integer("baseline-seconds", 15);
        Api api = c.api();

        String tag = UUID.randomUUID().toString().substring(0, 8);
        Out.step("setup", "one hot SKU and " + spreadSkus + " spread SKUs on sale");
        String seller = api.token("reserve-seller-" + tag, "SELLER");
        String admin = api.token("reserve-inspector-" + tag, "ADMIN");
        String shopId = api.openShop(seller, "Reserve shop " + tag);
        String hotSku = Api.skuId(api.publishedProduct(seller, admin, shopId, "Hot item " + tag,
                List.of(new Api.SkuSpec("HOT", 9_900, 100_000_000))), "HOT");
        List<String> spread = new ArrayList<>();
        for (int p = 0; spread.size() < spreadSkus; p++) {
            List<Api.SkuSpec> skus = new ArrayList<>();
            for (int i = 0; i < 100 && spread.size() + skus.size() < spreadSkus; i++) {
                skus.add(new Api.SkuSpec("S" + p + "-" + i, 9_900, 1_000_000));
            }
            JsonNode product = api.publishedProduct(seller, admin, shopId, "Spread item " + p + " " + tag, skus);
            product.path("skus").forEach(s -> spread.add(s.path("id").asText()));
        }
        Path hotFile = c.work().resolve("reserve-hot-skus.txt");
        Path spreadFile = c.work().resolve("reserve-spread-skus.txt");
        try {
            Files.createDirectories(c.work());
            Files.write(hotFile, List.of(hotSku));
            Files.write(spreadFile, spread);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        PgBench.Baseline baseline = PgBench.run(c.pg(), c.dbPrefix(), baselineSeconds, c.work());

        Wrk wrk = new Wrk(c.work());
        String url = c.suite().url("catalog-service") + "/internal/reservations";
        String expires = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS).toString();
        wrk.run("warm-up (spread)", url, connections, warmup, List.of(), args(spreadFile, expires), null);

        // livestream-service too: it consumes the stock.changed event every reservation emits
        LoadPhase hotPhase = c.begin("reserve, hot SKU", List.of("catalog-service", "livestream-service"));
        Wrk.Result hot = wrk.run("hot SKU", url, connections, seconds, List.of(), args(hotFile, expires), hotPhase.processes());
        hotPhase.end();
        LoadPhase spreadPhase = c.begin("reserve, " + spread.size() + " SKUs", List.of("catalog-service", "livestream-service"));
        Wrk.Result cold = wrk.run(spread.size() + " SKUs", url, connections, seconds, List.of(), args(spreadFile, expires),
                spreadPhase.processes());
        spreadPhase.end();

        JsonNode hotStock = api.stock(seller, hotSku);
        long reservedHot = hotStock.path("reserved").asLong();

        Report r = new Report("reserve", "reserve: catalog-service's reservation API alone, " + connections + " connections");
        r.row("reservations / s, hot SKU", Report.num(hot.okPerSecond(), 0), "p50 " + Report.ms(hot.p50Ms()) + ", p99 "
                + Report.ms(hot.p99Ms()) + refusals(hot));
        r.row("reservations / s, " + spread.size() + " SKUs (no hot row)", Report.num(cold.okPerSecond(), 0),
                "p50 " + Report.ms(cold.p50Ms()) + ", p99 " + Report.ms(cold.p99Ms()) + refusals(cold));
        r.row("pgbench: 1 order per transaction on the hot row", Report.num(baseline.bestTps(), 0) + " tps", baseline.describe());
        r.row("hot / spread", PgBench.ratio(hot.okPerSecond(), cold.okPerSecond()), "target ≥ 0.9");
        r.row("hot / pgbench", PgBench.ratio(hot.okPerSecond(), baseline.bestTps()), "target ≥ 1.5");
        r.row("hot SKU reserved in catalog after the run", Long.toString(reservedHot),
                (hot.requests() - hot.non2xx()) + " answered 201 to wrk (in-flight requests at the end may add up to "
                        + connections + ")");
        r.result("connections", connections).result("seconds", seconds).result("hot", hot.asMap())
                .result("spread", cold.asMap()).result("spreadSkus", spread.size()).result("pgbench", baseline.asMap())
                .result("hotPerSecond", hot.okPerSecond()).result("spreadPerSecond", cold.okPerSecond())
                .result("hotOverSpread", hot.okPerSecond() / cold.okPerSecond())
                .result("hotOverPgbench", hot.okPerSecond() / baseline.bestTps()).result("hotReservedInCatalog", reservedHot);
        r.section(hotPhase.markdown());
        r.section(spreadPhase.markdown());
        r.profile("hot", hotPhase.json()).profile("spread", spreadPhase.json());
        return r;
    }

    private static List<String> args(Path skus, String expires) {
        byte[] tag = new byte[4];
        ThreadLocalRandom.current().nextBytes(tag);
        return List.of("reserve", skus.toString(), expires, HexFormat.of().formatHex(tag));
    }

    private static String refusals(Wrk.Result r) {
        return (r.non2xx() > 0 ? ", " + r.non2xx() + " not 201" : "") + (r.socketErrors() > 0 ? ", " + r.socketErrors()
                + " socket errors" : "");
    }
}
