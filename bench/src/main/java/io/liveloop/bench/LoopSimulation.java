package io.liveloop.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The payment provider's side of the loop: at a steady {@code bench.rate} per second, a signed
 * {@code payment.succeeded} notification for the next order of {@code bench.orders} (order id, provider reference,
 * amount), posted to the public webhook through the gateway, signed with the sandbox's secret the way the sandbox
 * itself signs. The send time of each is recorded; the harness's partner records when shipment.requested arrives.
 */
public class LoopSimulation extends Simulation {

    private static final Queue<String> ORDERS = new ConcurrentLinkedQueue<>();
    private static final Queue<String> RESULTS = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService ticker;

    public LoopSimulation() {
        ORDERS.addAll(Sims.lines(Sims.prop("bench.orders")));
        int count = ORDERS.size();
        double rate = Double.parseDouble(Sims.prop("bench.rate"));
        WebhookSecret secret = WebhookSecret.parse(Sims.prop("bench.secret"));
        WebhookSigner signer = new WebhookSigner(Clock.systemUTC());

        ScenarioBuilder provider = scenario("payment provider")
                .exec(session -> {
                    String line = ORDERS.poll();
                    if (line == null) {
                        return session.markAsFailed(); // the injection's rounding gave one user too many
                    }
                    String[] f = line.split(" ");
                    String body = "{\"type\":\"payment.succeeded\",\"data\":{\"providerRef\":\"" + f[1]
                            + "\",\"amountCents\":" + f[2] + "}}";
                    SignedHeaders signed = signer.sign(WebhookSigner.newMessageId(), body.getBytes(StandardCharsets.UTF_8),
                            List.of(secret));
                    return session.set("orderId", f[0]).set("body", body).set("whId", signed.id())
                            .set("whTs", signed.timestamp()).set("whSig", signed.signature()).set("t0", Sims.micros());
                })
                .exitHereIfFailed()
                .exec(http("payment callback").post("/webhooks/payments/sandbox")
                        .header("Content-Type", "application/json")
                        .header(SignedHeaders.ID, "#{whId}")
                        .header(SignedHeaders.TIMESTAMP, "#{whTs}")
                        .header(SignedHeaders.SIGNATURE, "#{whSig}")
                        .body(StringBody(session -> session.getString("body")))
                        .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt")))
                .exec(session -> {
                    int status = session.contains("status") ? session.getInt("status") : 0;
                    int rt = session.contains("rt") ? session.getInt("rt") : -1;
                    RESULTS.add(session.getString("orderId") + " " + status + " " + rt + " " + session.getLong("t0"));
                    return session;
                });

        // one user per notification; one second more than count/rate so that rounding never leaves an order unsent
        Duration during = Duration.ofMillis(Math.round((count + 1) * 1000.0 / rate));
        setUp(provider.injectOpen(constantUsersPerSec(rate).during(during)))
                .protocols(http.baseUrl(Sims.prop("bench.gateway")));
    }

    @Override
    public void before() {
        ticker = Sims.progress(5, () -> RESULTS.size() + " payment callbacks sent");
    }

    @Override
    public void after() {
        ticker.shutdownNow();
        Sims.writeResults(RESULTS);
    }
}
