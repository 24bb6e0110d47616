package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.tools.partner.PartnerSimulator;
import io.liveloop.tools.partner.ReceivedWebhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * loop: from the payment provider's signed callback to the logistics partner receiving the signed
 * {@code shipment.requested}, over many orders at a steady rate. The harness plays both ends: Gatling sends the
 * provider's {@code payment.succeeded} (signed with the sandbox's secret) through the gateway and notes when; the
 * partner simulator of {@code tools/} receives LiveLoop's webhook, verifies its signature and notes when. In between:
 * order-service marks the order PAID (outbox → orders.v1), fulfillment-service creates the shipment and queues the
 * webhook, its sender delivers it. The timestamps the services stored split the time into those stages.
 */
final class LoopBench implements Bench.Run {

    @Override
    public List<String> options() {
        return List.of("orders", "rate", "timeout", "warmup-orders");
    }

    @Override
    public Report run(Context c) {
        int orders = c.options().integer("orders", 500);
        double rate = c.options().decimal("rate", 20);
        int timeout = c.options().integer("timeout", 60);
        int warmupOrders = c.options().count("warmup-orders", 100);
        Api api = c.api();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        try (PartnerSimulator partner = PartnerSimulator.start(0)) {
            Out.step("setup", "a partner (simulator at " + partner.url() + "), a shop routed to it, " + orders
                    + " orders waiting for payment (and " + warmupOrders + " for the warm-up)");
            String admin = api.token("loop-ops-" + tag, "ADMIN");
            JsonNode created = api.createPartner(admin, "Bench Express " + tag, partner.url());
            partner.usePartner(created.path("id").asText()).useSecret(created.path("signingSecret").asText())
                    .useGateway(api.gateway());
            String seller = api.token("loop-seller-" + tag, "SELLER");
            String shopId = api.openShop(seller, "Loop shop " + tag);
            api.routeShop(seller, shopId, created.path("id").asText());
            String skuId = Api.skuId(api.publishedProduct(seller, admin, shopId, "Loop item " + tag,
                    List.of(new Api.SkuSpec("ONE", 4_900, orders + warmupOrders + 10))), "ONE");
            int buyerCount = Math.max(1, orders / 10);
            List<String> buyers = api.tokens("loop-buyer-" + tag, "BUYER", buyerCount, 8);
            List<String> lines = Api.parallel(warmupOrders + orders, 4, i -> {
                String buyer = buyers.get(i % buyerCount);
                String orderId = api.placeOrder(buyer, skuId, 1, null).path("id").asText();
                JsonNode payment = api.pay(buyer, orderId, "NONE"); // the sandbox stays silent: the bench is the provider
                return orderId + " " + payment.path("providerRef").asText() + " " + payment.path("amountCents").asLong();
            });
            Path warmupFile = c.work().resolve("loop-warmup-orders.txt");
            Path file = c.work().resolve("loop-orders.txt");
            try {
                Files.createDirectories(c.work());
                Files.write(warmupFile, lines.subList(0, warmupOrders));
                Files.write(file, lines.subList(warmupOrders, lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }

            Map<String, Instant> arrivals = new ConcurrentHashMap<>();
            Thread collector = collect(partner, arrivals); // the simulator keeps only its newest 1,000 webhooks
            if (warmupOrders > 0) {
                warmUp(c, api, warmupFile, rate, timeout, arrivals);
            }
            LoadPhase phase = c.begin("payment callback → shipment.requested",
                    List.of("gateway", "order-service", "fulfillment-service"));
            Path out = GatlingRun.run(LoopSimulation.class, Map.of("bench.gateway", api.gateway(),
                    "bench.orders", file.toString(), "bench.rate", Double.toString(rate),
                    "bench.secret", c.suite().paymentSecret().value()), c.work(), "512m", phase.processes());
            Map<String, long[]> sent = new HashMap<>(); // orderId → {sentMicros, status, millis}
            for (String line : Sims.lines(out.toString())) {
                String[] f = line.split(" ");
                sent.put(f[0], new long[] {Long.parseLong(f[3]), Integer.parseInt(f[1]), Integer.parseInt(f[2])});
            }
            long accepted = sent.values().stream().filter(s -> s[1] == 200).count();
            long deadline = System.currentTimeMillis() + timeout * 1000L;
            while (arrived(arrivals, sent.keySet()) < accepted && System.currentTimeMillis() < deadline) {
                FlashBench.sleep(200);
            }
            phase.end();
            collector.interrupt();
            partner.accepted().forEach(w -> record(arrivals, w));
            return report(c, shopId, orders, rate, warmupOrders, sent, arrivals, partner, phase);
        }
    }

    /**
     * The same load on other orders first, not measured: the first callbacks of a fresh suite pay for class loading,
     * the JIT and the pools' first connections all along the loop (order-service's callback path, the outbox relay,
     * fulfillment's consumer and sender, the gateway, the partner simulator), which is not what a running system's
     * payments wait for. Waits until the warm-up's shipment requests arrived, so that its tail does not queue
     * before the measured callbacks.
     */
    private static void warmUp(Context c, Api api, Path orders, double rate, int timeout, Map<String, Instant> arrivals) {
        List<String> ids = Sims.lines(orders.toString()).stream().map(line -> line.split(" ")[0]).toList();
        Out.step("warm-up", ids.size() + " payment callbacks at " + Report.num(rate, 0) + " / s, not measured");
        Path out = GatlingRun.run(LoopSimulation.class, Map.of("bench.gateway", api.gateway(),
                "bench.orders", orders.toString(), "bench.rate", Double.toString(rate),
                "bench.secret", c.suite().paymentSecret().value()), c.work().resolve("warmup"), "512m", null);
        long answered = Sims.lines(out.toString()).stream().filter(line -> line.split(" ")[1].equals("200")).count();
        long deadline = System.currentTimeMillis() + timeout * 1000L;
        while (arrived(arrivals, ids) < answered && System.currentTimeMillis() < deadline) {
            FlashBench.sleep(200);
        }
        Out.step("warm-up", answered + " callbacks answered 200, " + arrived(arrivals, ids) + " shipment requests arrived");
    }

    private static long arrived(Map<String, Instant> arrivals, java.util.Collection<String> orderIds) {
        return orderIds.stream().filter(arrivals::containsKey).count();
    }

    private static Thread collect(PartnerSimulator partner, Map<String, Instant> arrivals) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                partner.accepted().forEach(w -> record(arrivals, w));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "partner-arrivals");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void record(Map<String, Instant> arrivals, ReceivedWebhook w) {
        if ("shipment.requested".equals(w.type()) && w.orderId() != null) {
            arrivals.putIfAbsent(w.orderId(), w.receivedAt());
        }
    }

    private Report report(Context c, String shopId, int orders, double rate, int warmupOrders, Map<String, long[]> sent,
                          Map<String, Instant> arrivals, PartnerSimulator partner, LoadPhase phase) {
        UUID shop = UUID.fromString(shopId);
        Map<String, Long> paidAt = new HashMap<>();
        for (Object[] row : c.pg().rows(c.suite().database("order-service"),
                "select id, paid_at from orders where shop_id = ? and paid_at is not null", shop)) {
            paidAt.put(row[0].toString(), micros((Timestamp) row[1]));
        }
        Map<String, long[]> shipped = new HashMap<>(); // orderId → {shipment created, first attempt}
        for (Object[] row : c.pg().rows(c.suite().database("fulfillment-service"), """
                select s.order_id, s.created_at, min(a.attempted_at)
                from shipment s
                join webhook_delivery d on d.shipment_id = s.id and d.event_type = 'shipment.requested'
                left join delivery_attempt a on a.delivery_id = d.id
                where s.shop_id = ? group by s.order_id, s.created_at""", shop)) {
            shipped.put(row[0].toString(), new long[] {micros((Timestamp) row[1]), row[2] == null ? -1 : micros((Timestamp) row[2])});
        }

        List<Double> total = new ArrayList<>();
        List<Double> toPaid = new ArrayList<>();
        List<Double> toShipment = new ArrayList<>();
        List<Double> toAttempt = new ArrayList<>();
        List<Double> toPartner = new ArrayList<>();
        List<Double> callbackMillis = new ArrayList<>();
        int notAccepted = 0;
        for (Map.Entry<String, long[]> e : sent.entrySet()) {
            long[] s = e.getValue();
            if (s[1] != 200) {
                notAccepted++;
                continue;
            }
            callbackMillis.add((double) s[2]);
            Instant arrived = arrivals.get(e.getKey());
            if (arrived == null) {
                continue;
            }
            long arrival = arrived.getEpochSecond() * 1_000_000L + arrived.getNano() / 1_000;
            total.add((arrival - s[0]) / 1000.0);
            Long paid = paidAt.get(e.getKey());
            long[] ship = shipped.get(e.getKey());
            if (paid != null && ship != null && ship[1] > 0) {
                toPaid.add((paid - s[0]) / 1000.0);
                toShipment.add((ship[0] - paid) / 1000.0);
                toAttempt.add((ship[1] - ship[0]) / 1000.0);
                toPartner.add((arrival - ship[1]) / 1000.0);
            }
        }
        Percentiles p = new Percentiles(total);
        long delivered = total.size();
        long accepted = sent.size() - notAccepted;

        Report r = new Report("loop", "loop: payment callback → partner receives shipment.requested, " + sent.size()
                + " orders at " + Report.num(rate, 0) + " / s");
        r.row("warm-up, not measured", Integer.toString(warmupOrders), warmupOrders == 0 ? "none (--warmup-orders=0)"
                : "callbacks for other orders at the same rate first, until their shipment requests arrived");
        r.row("orders paid by signed callback", Long.toString(accepted), sent.size() + " callbacks sent through the gateway"
                + (notAccepted > 0 ? ", " + notAccepted + " not answered 200" : ""));
        r.row("shipment.requested received and verified", Long.toString(delivered),
                "missing " + (accepted - delivered) + "; refused signatures " + partner.refusedCount());
        r.row("callback → partner: p50", Report.ms(p.at(50)), "target ≤ 100 ms");
        r.row("callback → partner: p95", Report.ms(p.at(95)), "");
        r.row("callback → partner: p99", Report.ms(p.at(99)), "target ≤ 500 ms");
        r.row("callback → partner: max", Report.ms(p.max()), "");
        r.row("stage: callback → order PAID (order-service)", stage(toPaid), "p50 / p99");
        r.row("stage: PAID → shipment created (outbox, Kafka, fulfillment)", stage(toShipment), "p50 / p99");
        r.row("stage: shipment created → webhook sent (sender's poll)", stage(toAttempt), "p50 / p99");
        r.row("stage: webhook sent → partner has it", stage(toPartner), "p50 / p99");
        r.result("orders", orders).result("rate", rate).result("warmupOrders", warmupOrders).result("callbacksSent", sent.size()).result("paid", accepted)
                .result("delivered", delivered).result("refusedSignatures", partner.refusedCount())
                .result("p50Ms", p.at(50)).result("p95Ms", p.at(95)).result("p99Ms", p.at(99)).result("maxMs", p.max())
                .result("callbackResponseP50Ms", new Percentiles(callbackMillis).at(50))
                .result("callbackResponseP99Ms", new Percentiles(callbackMillis).at(99))
                .result("stageToPaidP50Ms", new Percentiles(toPaid).at(50)).result("stageToShipmentP50Ms", new Percentiles(toShipment).at(50))
                .result("stageToAttemptP50Ms", new Percentiles(toAttempt).at(50)).result("stageToPartnerP50Ms", new Percentiles(toPartner).at(50))
                .result("stageToPaidP99Ms", new Percentiles(toPaid).at(99)).result("stageToShipmentP99Ms", new Percentiles(toShipment).at(99))
                .result("stageToAttemptP99Ms", new Percentiles(toAttempt).at(99)).result("stageToPartnerP99Ms", new Percentiles(toPartner).at(99));
        r.section("### The stages\n\nTimes the services stored themselves (`orders.paid_at`, `shipment.created_at`, the first "
                + "`delivery_attempt.attempted_at` of the shipment.requested delivery), against the callback's send time and "
                + "the partner's receipt time; " + toPaid.size() + " orders had all four. Each stored time is taken inside "
                + "its transaction, before the commit, so a stage includes the commit of the one before it.\n\n"
                + "The provider's callback itself was answered in p50 " + Report.ms(new Percentiles(callbackMillis).at(50))
                + ", p99 " + Report.ms(new Percentiles(callbackMillis).at(99)) + " (Gatling, through the gateway).");
        r.section(phase.markdown());
        r.profile("loop", phase.json());
        return r;
    }

    private static String stage(List<Double> millis) {
        Percentiles p = new Percentiles(millis);
        return p.count() == 0 ? "n/a" : Report.ms(p.at(50)) + " / " + Report.ms(p.at(99));
    }

    private static long micros(Timestamp t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
