package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * flash: one SKU with N units on a live offer, and many distinct buyers ordering it at once through the gateway.
 * Reports orders accepted per second while the stock lasts, the latency of accepted and of sold-out answers,
 * oversold units (checked in catalog and in the orders database after the run) and any other answer; the baseline is
 * pgbench's one-order-per-transaction rate on the same server, measured in the same run.
 */
final class FlashBench implements Bench.Run {

    static final long LIST_PRICE = 9_900;
    static final long LIVE_PRICE = 6_900;

    @Override
    public List<String> options() {
        return List.of("units", "concurrency", "buyers", "baseline-seconds", "warmup-orders");
    }

    /**
     * What the load needs: the LIVE session, its offer's SKU, the seller (for stock), the buyers' tokens; and the
     * warm-up sale run before it (another SKU of the same pin, other buyers), or null.
     */
    record Sale(String sessionId, String skuId, String seller, int units, int users, int perUser, Path tokens, Path body,
                Sale warmup) {
    }

    /** What the buyers were answered. */
    record Outcome(List<Answer> answers, long firstSentMicros) {
    }

    record Answer(int status, String type, int millis, long sentMicros, long answeredMicros) {
        boolean accepted() {
            return status == 201;
        }

        boolean soldOut() {
            return status == 409 && "out-of-stock".equals(type);
        }
    }

    @Override
    public Report run(Context c) {
        int units = c.options().integer("units", 2000);
        int users = c.options().integer("concurrency", 256);
        int buyers = c.options().integer("buyers", units + Math.max(units / 4, users));
        int baselineSeconds = c.options().integer("baseline-seconds", 15);
        int warmupOrders = c.options().integer("warmup-orders", 4000);

        Sale sale = prepare(c, units, users, buyers, warmupOrders);
        warmUp(c, sale);
        PgBench.Baseline baseline = PgBench.run(c.pg(), c.dbPrefix(), baselineSeconds, c.work());

        LoadPhase phase = c.begin("flash sale", List.of("gateway", "order-service", "catalog-service"));
        Outcome outcome = load(c, sale, phase.processes());
        phase.end();

        return report(c, sale, outcome, baseline, phase);
    }

    /**
     * Setup through the API: shop, product with the flash SKU (and a probe SKU, and a warm-up SKU with
     * {@code warmupOrders} units when that is not 0), LIVE session with the offers, buyers.
     */
    static Sale prepare(Context c, int units, int users, int buyers, int warmupOrders) {
        Api api = c.api();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int perUser = (buyers + users - 1) / users;
        Out.step("setup", "a shop, a product with " + units + " units on a live offer, " + users * perUser + " buyers");
        String seller = api.token("flash-seller-" + tag, "SELLER");
        String admin = api.token("flash-inspector-" + tag, "ADMIN");
        String hostName = "flash-host-" + tag;
        String host = api.token(hostName, "HOST");
        String shopId = api.openShop(seller, "Flash shop " + tag);
        api.authorizeHost(seller, shopId, Api.userId(hostName));
        JsonNode product = api.publishedProduct(seller, admin, shopId, "Flash sale tea " + tag,
                List.of(new Api.SkuSpec("FLASH", LIST_PRICE, units), new Api.SkuSpec("PROBE", LIST_PRICE, 1000),
                        new Api.SkuSpec("WARMUP", LIST_PRICE, Math.max(1, warmupOrders))));
        String skuId = Api.skuId(product, "FLASH");
        String probeSku = Api.skuId(product, "PROBE");
        String warmupSku = Api.skuId(product, "WARMUP");
        String sessionId = api.liveSession(host, "Flash sale " + tag);
        api.pin(host, sessionId, product.path("id").asText(), List.of(new Api.Offer(skuId, LIVE_PRICE, 1),
                new Api.Offer(probeSku, LIVE_PRICE, 1), new Api.Offer(warmupSku, LIVE_PRICE, 1)));
        awaitOfferInOrderService(api, sessionId, probeSku, tag);

        Sale warmup = null;
        if (warmupOrders > 0) {
            int warmPerUser = (warmupOrders + users - 1) / users;
            warmup = buyers(c, "flash-warmup-" + tag, sessionId, warmupSku, seller, warmupOrders, users, warmPerUser, null);
        }
        return buyers(c, "flash-buyer-" + tag, sessionId, skuId, seller, units, users, perUser, warmup);
    }

    /** A sale's buyers: their tokens and the order they place, in files for the simulation. */
    private static Sale buyers(Context c, String prefix, String sessionId, String skuId, String seller, int units,
                               int users, int perUser, Sale warmup) {
        List<String> tokens = c.api().tokens(prefix, "BUYER", users * perUser, 8);
        Path file = c.work().resolve(prefix + "-tokens.txt");
        Path body = c.work().resolve(prefix + "-order.json");
        try {
            Files.createDirectories(c.work());
            Files.write(file, tokens);
            Files.write(body, Api.JSON.writeValueAsBytes(Api.orderBody(skuId, 1, sessionId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sale(sessionId, skuId, seller, units, users, perUser, file, body, warmup);
    }

    /**
     * The same load on the warm-up SKU first, answers discarded: the JIT compiles the order path, and the pools and
     * connections between the services are open, as in a service that has been running when a sale starts.
     */
    static void warmUp(Context c, Sale sale) {
        if (sale.warmup() == null) {
            return;
        }
        Out.step("warm-up", sale.warmup().users() * sale.warmup().perUser() + " orders for the warm-up SKU ("
                + sale.warmup().units() + " units), not measured");
        Outcome warm = load(c, sale.warmup(), null);
        long accepted = warm.answers().stream().filter(Answer::accepted).count();
        Out.step("warm-up", accepted + " accepted, " + (warm.answers().size() - accepted) + " other answers");
        sleep(3_000);
    }

    /**
     * order-service learns the live offer from live.sessions.v1; the sale starts once it prices an order at the live
     * price (a probe SKU of the same pin, so the flash SKU's stock is untouched; a new probe buyer each try).
     */
    private static void awaitOfferInOrderService(Api api, String sessionId, String probeSku, String tag) {
        long deadline = System.currentTimeMillis() + 60_000;
        for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
            String probe = api.token("flash-probe-" + tag + "-" + attempt, "BUYER");
            JsonNode order = api.placeOrder(probe, probeSku, 1, sessionId);
            if (order.path("items").path(0).path("unitPriceCents").asLong() == LIVE_PRICE) {
                Out.step("setup", "order-service prices the live offer (after " + (attempt + 1) + " probe orders)");
                return;
            }
            sleep(300);
        }
        throw new IllegalStateException("order-service did not learn the live offer within 60 s");
    }

    static Outcome load(Context c, Sale sale, ProcessSampler sampler) {
        Path out = GatlingRun.run(FlashSimulation.class, Map.of(
                "bench.gateway", c.api().gateway(),
                "bench.tokens", sale.tokens().toString(),
                "bench.users", Integer.toString(sale.users()),
                "bench.perUser", Integer.toString(sale.perUser()),
                "bench.body", sale.body().toString()), c.work(), "1g", sampler);
        List<Answer> answers = new ArrayList<>();
        long first = Long.MAX_VALUE;
        for (String line : Sims.lines(out.toString())) {
            String[] f = line.split(" ");
            Answer a = new Answer(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
            answers.add(a);
            first = Math.min(first, a.sentMicros());
        }
        return new Outcome(answers, first);
    }

    private Report report(Context c, Sale sale, Outcome outcome, PgBench.Baseline baseline, LoadPhase phase) {
        List<Answer> accepted = outcome.answers().stream().filter(Answer::accepted).toList();
        List<Answer> soldOut = outcome.answers().stream().filter(Answer::soldOut).toList();
        Map<String, Integer> other = new TreeMap<>();
        outcome.answers().stream().filter(a -> !a.accepted() && !a.soldOut())
                .forEach(a -> other.merge(a.status() == 0 ? "no answer" : a.status() + " " + a.type(), 1, Integer::sum));
        long lastAccepted = accepted.stream().mapToLong(Answer::answeredMicros).max().orElse(outcome.firstSentMicros());
        double window = (lastAccepted - outcome.firstSentMicros()) / 1e6;
        double acceptedPerSecond = accepted.size() / window;
        Percentiles okLatency = new Percentiles(accepted.stream().map(Answer::millis).toList());
        Percentiles soldOutLatency = new Percentiles(soldOut.stream().map(Answer::millis).toList());
        Oversold check = Oversold.check(c, sale, accepted.size());

        Report r = new Report("flash", "flash: " + sale.units() + " units, " + sale.users() + " concurrent buyers, "
                + outcome.answers().size() + " orders through the gateway");
        r.row("orders accepted / s while stock lasts", Report.num(acceptedPerSecond, 0),
                accepted.size() + " accepted in " + Report.num(window, 2) + " s");
        r.row("pgbench: 1 order per transaction on the hot row", Report.num(baseline.bestTps(), 0) + " tps", baseline.describe());
        r.row("ratio LiveLoop / pgbench", PgBench.ratio(acceptedPerSecond, baseline.bestTps()), "target ≥ 1.0");
        r.row("accepted: p50 / p95 / p99", latencies(okLatency), "target p99 ≤ 250 ms");
        r.row("sold out: p50 / p95 / p99", latencies(soldOutLatency), soldOut.size() + " sold-out answers");
        r.row("oversold units", Long.toString(check.oversold()), "must be 0; " + check.describe());
        r.row("errors other than sold-out", Integer.toString(other.values().stream().mapToInt(Integer::intValue).sum()),
                other.isEmpty() ? "must be 0" : "must be 0: " + other);
        r.result("units", sale.units()).result("concurrentBuyers", sale.users()).result("orders", outcome.answers().size())
                .result("accepted", accepted.size()).result("soldOut", soldOut.size()).result("otherAnswers", other)
                .result("acceptedPerSecond", acceptedPerSecond).result("acceptWindowSeconds", window)
                .result("acceptedP50Ms", okLatency.at(50)).result("acceptedP95Ms", okLatency.at(95)).result("acceptedP99Ms", okLatency.at(99))
                .result("soldOutP50Ms", soldOutLatency.at(50)).result("soldOutP95Ms", soldOutLatency.at(95))
                .result("soldOutP99Ms", soldOutLatency.at(99)).result("pgbench", baseline.asMap())
                .result("ratioToPgbench", acceptedPerSecond / baseline.bestTps()).result("oversold", check.asMap());
        r.section("### Checks after the run\n\n" + check.markdown());
        r.section(phase.markdown());
        r.profile("flash sale", phase.json());
        return r;
    }

    static String latencies(Percentiles p) {
        return p.count() == 0 ? "n/a" : Report.ms(p.at(50)) + " / " + Report.ms(p.at(95)) + " / " + Report.ms(p.at(99));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
