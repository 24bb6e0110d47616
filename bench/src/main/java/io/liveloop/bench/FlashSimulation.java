package io.liveloop.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The flash sale's buyers: {@code bench.users} virtual users start at once, each an app on its own connection to
 * the gateway, and each places {@code bench.perUser} orders one after the other — every order as a different buyer
 * (own token from {@code bench.tokens}, own Idempotency-Key), the same order ({@code bench.body}: one unit of the live
 * offer's SKU in the LIVE session).
 * Every answer is recorded: status, problem type, Gatling's response time, send and answer times.
 */
public class FlashSimulation extends Simulation {

    private static final Queue<String> TOKENS = new ConcurrentLinkedQueue<>();
    private static final Queue<String> RESULTS = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService ticker;

    public FlashSimulation() {
        TOKENS.addAll(Sims.lines(Sims.prop("bench.tokens")));
        int users = Sims.intProp("bench.users");
        int perUser = Sims.intProp("bench.perUser");
        String body = String.join("\n", Sims.lines(Sims.prop("bench.body"))); // the order, as FlashBench wrote it

        ScenarioBuilder buyers = scenario("flash buyers").repeat(perUser).on(
                exec(session -> {
                    String token = TOKENS.poll();
                    return token == null ? session.markAsFailed()
                            : session.set("token", token).set("key", UUID.randomUUID().toString()).set("t0", Sims.micros());
                })
                        .exitHereIfFailed()
                        .exec(http("place order").post("/api/orders")
                                .header("Authorization", "#{token}")
                                .header("Idempotency-Key", "#{key}")
                                .header("Content-Type", "application/json")
                                .body(StringBody(body))
                                .check(status().saveAs("status"), jmesPath("type").optional().saveAs("type"),
                                        responseTimeInMillis().saveAs("rt")))
                        .exec(session -> {
                            int status = session.contains("status") ? session.getInt("status") : 0;
                            String type = session.contains("type") ? session.getString("type") : "-";
                            int rt = session.contains("rt") ? session.getInt("rt") : -1;
                            RESULTS.add(status + " " + type.substring(type.lastIndexOf('/') + 1) + " " + rt + " "
                                    + session.getLong("t0") + " " + Sims.micros());
                            return session.remove("status").remove("type").remove("rt").markAsSucceeded();
                        }));

        HttpProtocolBuilder protocol = http.baseUrl(Sims.prop("bench.gateway")).acceptHeader("application/json");
        setUp(buyers.injectOpen(atOnceUsers(users))).protocols(protocol);
    }

    @Override
    public void before() {
        ticker = Sims.progress(5, () -> RESULTS.size() + " orders answered");
    }

    @Override
    public void after() {
        ticker.shutdownNow();
        Sims.writeResults(RESULTS);
    }
}
