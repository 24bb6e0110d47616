package io.liveloop.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * gateway: what the one public entry costs. The same GET of a product, with the same token, through the gateway and
 * straight to catalog-service, at the same concurrency: throughput ratio and the latency the gateway adds.
 */
final class GatewayBench implements Bench.Run {

    @Override
    public List<String> options() {
        return List.of("concurrency", "seconds", "warmup");
    }

    @Override
    public Report run(Context c) {
        int connections = c.options().integer("concurrency", 64);
        int seconds = c.options().integer("seconds", 20);
        int warmup = c.options().integer("warmup", 30);
        Api api = c.api();

        String tag = UUID.randomUUID().toString().substring(0, 8);
        Out.step("setup", "a published product and a buyer's token");
        String seller = api.token("gw-seller-" + tag, "SELLER");
        String admin = api.token("gw-inspector-" + tag, "ADMIN");
        String shopId = api.openShop(seller, "Gateway shop " + tag);
        String productId = api.publishedProduct(seller, admin, shopId, "Gateway item " + tag,
                List.of(new Api.SkuSpec("ONE", 9_900, 100))).path("id").asText();
        String buyer = api.token("gw-buyer-" + tag, "BUYER");
        String path = "/api/catalog/products/" + productId;
        String direct = c.suite().url("catalog-service") + path;
        String viaGateway = c.suite().url("gateway") + path;
        api.call("GET", viaGateway, buyer, null, 200);
        api.call("GET", direct, buyer, null, 200);

        Wrk wrk = new Wrk(c.work());
        List<String> headers = List.of("Authorization: " + buyer);
        wrk.run("warm-up (direct)", direct, connections, warmup, headers, List.of("plain"), null);
        wrk.run("warm-up (gateway)", viaGateway, connections, warmup, headers, List.of("plain"), null);

        LoadPhase directPhase = c.begin("GET straight to catalog-service", List.of("catalog-service"));
        Wrk.Result d = wrk.run("direct", direct, connections, seconds, headers, List.of("plain"), directPhase.processes());
        directPhase.end();
        LoadPhase gatewayPhase = c.begin("GET through the gateway", List.of("gateway", "catalog-service"));
        Wrk.Result g = wrk.run("gateway", viaGateway, connections, seconds, headers, List.of("plain"), gatewayPhase.processes());
        gatewayPhase.end();
        // At the load's concurrency the two cores are saturated, so a request's latency is mostly its wait for the CPU:
        // p50 ≈ connections / throughput, and the added p50 follows from the throughput ratio. One connection, one
        // request at a time, leaves nothing to queue behind: what the gateway itself adds to a request.
        Wrk.Result d1 = wrk.run("direct, one connection", direct, 1, seconds / 2, headers, List.of("plain"), null);
        Wrk.Result g1 = wrk.run("gateway, one connection", viaGateway, 1, seconds / 2, headers, List.of("plain"), null);

        Report r = new Report("gateway", "gateway: GET a product, " + connections + " connections, through the gateway vs "
                + "straight to catalog-service");
        r.row("requests / s straight to catalog", Report.num(d.okPerSecond(), 0), "p50 " + Report.ms(d.p50Ms()) + ", p99 "
                + Report.ms(d.p99Ms()) + bad(d));
        r.row("requests / s through the gateway", Report.num(g.okPerSecond(), 0), "p50 " + Report.ms(g.p50Ms()) + ", p99 "
                + Report.ms(g.p99Ms()) + bad(g));
        r.row("throughput gateway / direct", PgBench.ratio(g.okPerSecond(), d.okPerSecond()), "target ≥ 0.85");
        r.row("added p50", Report.ms(g.p50Ms() - d.p50Ms()), "target ≤ 1 ms");
        r.row("added p99", Report.ms(g.p99Ms() - d.p99Ms()), "");
        r.row("one connection: direct / gateway p50", Report.ms(d1.p50Ms()) + " / " + Report.ms(g1.p50Ms()),
                Report.num(d1.okPerSecond(), 0) + " / " + Report.num(g1.okPerSecond(), 0) + " requests / s" + bad(d1) + bad(g1));
        r.row("one connection: added p50 / p99", Report.ms(g1.p50Ms() - d1.p50Ms()) + " / " + Report.ms(g1.p99Ms() - d1.p99Ms()),
                "the gateway's own cost per request, no CPU queue");
        r.result("connections", connections).result("seconds", seconds).result("direct", d.asMap()).result("gateway", g.asMap())
                .result("throughputRatio", g.okPerSecond() / d.okPerSecond()).result("addedP50Ms", g.p50Ms() - d.p50Ms())
                .result("addedP99Ms", g.p99Ms() - d.p99Ms()).result("oneConnection", Map.of("direct", d1.asMap(),
                        "gateway", g1.asMap(), "addedP50Ms", g1.p50Ms() - d1.p50Ms(), "addedP99Ms", g1.p99Ms() - d1.p99Ms()));
        r.section(directPhase.markdown());
        r.section(gatewayPhase.markdown());
        r.profile("direct", directPhase.json()).profile("gateway", gatewayPhase.json());
        return r;
    }

    private static String bad(Wrk.Result r) {
        return (r.non2xx() > 0 ? ", " + r.non2xx() + " not 200" : "") + (r.socketErrors() > 0 ? ", " + r.socketErrors()
                + " socket errors" : "");
    }
}
