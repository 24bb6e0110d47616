package io.liveloop.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The room feed under {@code bench.viewers} viewers: each viewer (own token) opens the session's SSE feed, waits for
 * its snapshot, then waits for the {@code pinned} event of each round's product. A host, once every viewer is
 * connected, pins the next product (through the gateway, as the app does) and notes the time; each viewer notes
 * when the event reached it (the time its check matched the message). The next round starts when every viewer got
 * the event, or after {@code bench.roundTimeout} seconds. All viewers stay connected until the last round ends.
 */
public class FeedSimulation extends Simulation {

    private static final Queue<String> TOKENS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger CONNECTED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static List<Queue<Long>> arrivals;
    private static AtomicIntegerArray missed;
    private static AtomicIntegerArray done;
    private static AtomicLongArray pinnedAt;
    private static AtomicLongArray pinMillis;
    private static AtomicLongArray roundEnd;
    private static final AtomicLongArray PHASES = new AtomicLongArray(2); // connecting began, all connected
    private ScheduledExecutorService ticker;

    public FeedSimulation() {
        TOKENS.addAll(Sims.lines(Sims.prop("bench.tokens")));
        int viewers = Sims.intProp("bench.viewers");
        int rampSeconds = Sims.intProp("bench.rampSeconds");
        int roundTimeout = Sims.intProp("bench.roundTimeout");
        List<String> products = Arrays.asList(Sims.prop("bench.products").split(","));
        int rounds = products.size();
        arrivals = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            arrivals.add(new ConcurrentLinkedQueue<>());
        }
        missed = new AtomicIntegerArray(rounds);
        done = new AtomicIntegerArray(rounds);
        pinnedAt = new AtomicLongArray(rounds);
        pinMillis = new AtomicLongArray(rounds);
        roundEnd = new AtomicLongArray(rounds);
        long connectDeadlineSeconds = rampSeconds + 120L;

        ScenarioBuilder viewer = scenario("viewers")
                .exec(session -> {
                    PHASES.compareAndSet(0, 0, Sims.micros());
                    String token = TOKENS.poll();
                    return token == null ? session.markAsFailed() : session.set("token", token);
                })
                .exitHereIfFailed()
                .exec(sse("room feed").get(Sims.prop("bench.feedUrl")).header("Authorization", "#{token}")
                        .await(Duration.ofSeconds(60)).on(sse.checkMessage("snapshot").matching(substring("snapshot"))))
                .exec(session -> {
                    (session.isFailed() ? FAILED : CONNECTED).incrementAndGet();
                    return session;
                })
                .exitHereIfFailed()
                .repeat(rounds, "round").on(
                        exec(sse("pinned event").setCheck().await(Duration.ofSeconds(roundTimeout + rampSeconds + 180L)).on(
                                sse.checkMessage("pinned")
                                        .matching(regex("\"event\"\\s*:\\s*\"pinned\""),
                                                substring(session -> products.get(session.getInt("round"))))
                                        .check(substring(session -> products.get(session.getInt("round"))).find()
                                                .transform(position -> Sims.micros()).saveAs("arrived"))))
                                .exec(session -> {
                                    int round = session.getInt("round");
                                    if (!session.isFailed() && session.contains("arrived")) {
                                        arrivals.get(round).add(session.getLong("arrived"));
                                    } else {
                                        missed.incrementAndGet(round);
                                    }
                                    return session.remove("arrived").markAsSucceeded();
                                })
                                .asLongAs(session -> done.get(session.getInt("round")) == 0).on(pause(Duration.ofMillis(500))))
                .exec(sse("close feed").close());

        ScenarioBuilder host = scenario("host")
                .exec(session -> session.set("connectDeadline", Sims.micros() + connectDeadlineSeconds * 1_000_000L))
                .asLongAs(session -> CONNECTED.get() + FAILED.get() < viewers && Sims.micros() < session.getLong("connectDeadline"))
                .on(pause(Duration.ofMillis(250)))
                .exec(session -> {
                    PHASES.set(1, Sims.micros());
                    Sims.say(CONNECTED.get() + " viewers connected, " + FAILED.get() + " failed to connect");
                    return session;
                })
                .pause(Duration.ofSeconds(3))
                .repeat(rounds, "round").on(
                        exec(session -> session.set("t0", Sims.micros()))
                                .exec(http("pin a product").post(Sims.prop("bench.pinUrl"))
                                        .header("Authorization", Sims.prop("bench.hostToken"))
                                        .header("Content-Type", "application/json")
                                        .body(StringBody(session -> "{\"productId\":\"" + products.get(session.getInt("round")) + "\"}"))
                                        .check(status().is(201), responseTimeInMillis().saveAs("rt")))
                                .exec(session -> {
                                    int round = session.getInt("round");
                                    pinnedAt.set(round, session.getLong("t0"));
                                    pinMillis.set(round, session.contains("rt") ? session.getInt("rt") : -1);
                                    return session;
                                })
                                .asLongAs(session -> {
                                    int round = session.getInt("round");
                                    return arrivals.get(round).size() + missed.get(round) < CONNECTED.get()
                                            && Sims.micros() - pinnedAt.get(round) < roundTimeout * 1_000_000L;
                                }).on(pause(Duration.ofMillis(50)))
                                .exec(session -> {
                                    int round = session.getInt("round");
                                    roundEnd.set(round, Sims.micros());
                                    done.set(round, 1);
                                    Sims.say("round " + (round + 1) + ": the pin reached " + arrivals.get(round).size() + " of "
                                            + CONNECTED.get() + " viewers");
                                    return session;
                                })
                                .pause(Duration.ofSeconds(3)));

        setUp(viewer.injectOpen(rampUsers(viewers).during(Duration.ofSeconds(rampSeconds))),
                host.injectOpen(atOnceUsers(1)))
                .protocols(http.baseUrl(Sims.prop("bench.feedUrl").replaceAll("(https?://[^/]+).*", "$1")));
    }

    @Override
    public void before() {
        ticker = Sims.progress(5, () -> CONNECTED.get() + " viewers connected, " + FAILED.get() + " failed");
    }

    @Override
    public void after() {
        ticker.shutdownNow();
        List<String> out = new ArrayList<>();
        out.add("connected " + CONNECTED.get());
        out.add("failed " + FAILED.get());
        out.add("phases " + PHASES.get(0) + " " + PHASES.get(1));
        for (int r = 0; r < arrivals.size(); r++) {
            out.add("round " + r + " " + pinnedAt.get(r) + " " + pinMillis.get(r) + " " + roundEnd.get(r) + " " + missed.get(r));
            for (Long at : arrivals.get(r)) {
                out.add("arrival " + r + " " + at);
            }
        }
        Sims.writeResults(out);
    }
}
