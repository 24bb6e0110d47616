package io.liveloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * feed: N viewers on one session's SSE room feed, all on the one livestream-service instance. Each round the host
 * pins a product; the figure is the time from the host's pin request to the {@code pinned} event's arrival at 50 %,
 * 99 % and 100 % of the viewers, with livestream-service's resident memory and CPU while the viewers connect and
 * while the event fans out.
 */
final class FeedBench implements Bench.Run {

    @Override
    public List<String> options() {
        return List.of("viewers", "ramp", "rounds", "round-timeout", "via");
    }

    @Override
    public Report run(Context c) {
        int viewers = c.options().integer("viewers", 10_000);
        int ramp = c.options().integer("ramp", Math.max(5, viewers / 500));
        int rounds = c.options().integer("rounds", 3);
        int roundTimeout = c.options().integer("round-timeout", 30);
        String via = c.options().text("via", "direct");
        if (!List.of("direct", "gateway").contains(via)) {
            throw new IllegalArgumentException("--via is direct (viewers connect to livestream-service) or gateway");
        }
        Api api = c.api();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        Out.step("setup", rounds + " products to pin (and one to warm up), a LIVE session, " + viewers + " viewers' tokens");
        String seller = api.token("feed-seller-" + tag, "SELLER");
        String admin = api.token("feed-inspector-" + tag, "ADMIN");
        String hostName = "feed-host-" + tag;
        String host = api.token(hostName, "HOST");
        String shopId = api.openShop(seller, "Feed shop " + tag);
        api.authorizeHost(seller, shopId, Api.userId(hostName));
        List<String> products = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            products.add(api.publishedProduct(seller, admin, shopId, "Feed item " + i + " " + tag,
                    List.of(new Api.SkuSpec("ONE", 5_900, 100))).path("id").asText());
        }
        String sessionId = api.liveSession(host, "Feed bench " + tag);
        // A first pin before anyone watches: the pin path's first run in this JVM (catalog client, Kafka producer,
        // JIT) is not what a viewer waits for in a running show.
        String warmUp = api.publishedProduct(seller, admin, shopId, "Feed warm-up " + tag,
                List.of(new Api.SkuSpec("ONE", 5_900, 100))).path("id").asText();
        api.pin(host, sessionId, warmUp, List.of());
        List<String> tokens = api.tokens("feed-viewer-" + tag, "BUYER", viewers, 8);
        Path tokenFile = c.work().resolve("feed-tokens.txt");
        try {
            Files.createDirectories(c.work());
            Files.write(tokenFile, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String feedBase = "gateway".equals(via) ? c.suite().url("gateway") : c.suite().url("livestream-service");

        LoadPhase phase = c.begin(viewers + " viewers, " + rounds + " pins", List.of("livestream-service"));
        Path out = GatlingRun.run(FeedSimulation.class, Map.of(
                "bench.feedUrl", feedBase + "/api/live/sessions/" + sessionId + "/feed",
                "bench.pinUrl", api.gateway() + "/api/live/sessions/" + sessionId + "/pins",
                "bench.hostToken", host,
                "bench.tokens", tokenFile.toString(),
                "bench.viewers", Integer.toString(viewers),
                "bench.rampSeconds", Integer.toString(ramp),
                "bench.roundTimeout", Integer.toString(roundTimeout),
                "bench.products", String.join(",", products)), c.work(), "2g", phase.processes());
        phase.end();
        return report(c, out, viewers, rounds, via, phase);
    }

    private record Round(long pinnedAt, long pinMillis, long endedAt, int missed, List<Double> latencies) {
    }

    private Report report(Context c, Path out, int viewers, int rounds, String via, LoadPhase phase) {
        int connected = 0;
        int failed = 0;
        long rampBegan = 0;
        long allConnected = 0;
        List<Round> list = new ArrayList<>();
        List<List<Long>> arrivals = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            arrivals.add(new ArrayList<>());
        }
        List<long[]> heads = new ArrayList<>();
        for (String line : Sims.lines(out.toString())) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "connected" -> connected = Integer.parseInt(f[1]);
                case "failed" -> failed = Integer.parseInt(f[1]);
                case "phases" -> {
                    rampBegan = Long.parseLong(f[1]);
                    allConnected = Long.parseLong(f[2]);
                }
                case "round" -> heads.add(new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5])});
                case "arrival" -> arrivals.get(Integer.parseInt(f[1])).add(Long.parseLong(f[2]));
                default -> {
                }
            }
        }
        for (int i = 0; i < heads.size(); i++) {
            long[] h = heads.get(i);
            List<Double> lat = arrivals.get(i).stream().map(at -> (at - h[0]) / 1000.0).toList();
            list.add(new Round(h[0], h[1], h[2], (int) h[3], lat));
        }
        Map<String, ProcessSampler.Summary> connecting = phase.processes().summary(rampBegan / 1000, allConnected / 1000);
        long firstPin = list.isEmpty() ? allConnected : list.get(0).pinnedAt();
        long lastEnd = list.isEmpty() ? allConnected : list.get(list.size() - 1).endedAt();
        Map<String, ProcessSampler.Summary> fanning = phase.processes().summary(firstPin / 1000, lastEnd / 1000 + 1000);
        ProcessSampler.Summary whole = phase.summary().get("livestream-service");
        ProcessSampler.Summary ls1 = connecting.get("livestream-service");
        ProcessSampler.Summary ls2 = fanning.get("livestream-service");

        Report r = new Report("feed", "feed: " + viewers + " SSE viewers on one session of one livestream-service ("
                + ("gateway".equals(via) ? "through the gateway" : "connected straight to livestream-service") + ")");
        r.row("viewers connected and held", connected + " of " + viewers, (failed > 0 ? failed + " failed to connect; " : "")
                + "target " + viewers);
        List<Map<String, Object>> roundResults = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Round round = list.get(i);
            Percentiles p = new Percentiles(round.latencies());
            boolean all = round.latencies().size() >= connected && round.missed() == 0;
            r.row("pin " + (i + 1) + " → 50 % / 99 % / 100 % of viewers", Report.ms(p.at(50)) + " / " + Report.ms(p.at(99))
                            + " / " + (all ? Report.ms(p.max()) : "not all (" + round.latencies().size() + ")"),
                    "target 99 % ≤ 1 s; the pin request took " + round.pinMillis() + " ms; first → 99 % of viewers "
                            + Report.ms(p.at(99) - p.at(0)));
            roundResults.add(Map.of("reached", round.latencies().size(), "missed", round.missed(), "p50Ms", p.at(50),
                    "p99Ms", p.at(99), "p100Ms", all ? p.max() : -1, "firstMs", p.at(0), "pinRequestMs", round.pinMillis()));
        }
        r.row("livestream-service RSS: all connected / peak", Report.num(ls2 == null ? Double.NaN : ls2.meanRssMiB(), 0) + " / "
                + Report.num(whole == null ? Double.NaN : whole.peakRssMiB(), 0) + " MiB", "target ≤ 512 MB");
        r.row("livestream-service CPU: connecting / fanning out", Report.num(ls1 == null ? Double.NaN : ls1.meanCpuPercent(), 0)
                + " % / " + Report.num(ls2 == null ? Double.NaN : ls2.meanCpuPercent(), 0) + " %", "of one core (mean)");
        r.result("viewers", viewers).result("connected", connected).result("failedToConnect", failed).result("via", via)
                .result("rounds", roundResults)
                .result("connectSeconds", (allConnected - rampBegan) / 1e6)
                .result("livestreamRssPeakMiB", whole == null ? null : whole.peakRssMiB())
                .result("livestreamRssConnectedMiB", ls2 == null ? null : ls2.meanRssMiB())
                .result("livestreamCpuConnectingPercent", ls1 == null ? null : ls1.meanCpuPercent())
                .result("livestreamCpuFanOutPercent", ls2 == null ? null : ls2.meanCpuPercent());
        r.section("### While the viewers connected (" + Report.num((allConnected - rampBegan) / 1e6, 1) + " s)\n\n"
                + ProcessSampler.table(connecting));
        r.section("### While the pins fanned out\n\n" + ProcessSampler.table(fanning));
        r.section(phase.markdown());
        r.profile("feed", phase.json());
        return r;
    }
}
