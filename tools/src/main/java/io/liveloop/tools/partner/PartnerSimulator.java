package io.liveloop.tools.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.liveloop.platform.webhooks.WebhookVerificationException;
import io.liveloop.platform.webhooks.WebhookVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A logistics partner's system as a real HTTP server, the way LiveLoop meets one: it accepts LiveLoop's webhooks
 * ({@code shipment.requested}, {@code shipment.cancelled}) at {@link #url()} only when their Standard Webhooks
 * signature verifies with the partner secret, and it posts signed tracking webhooks ({@code shipment.picked_up},
 * {@code in_transit}, {@code out_for_delivery}, {@code delivered}, {@code exception}) back to the gateway at
 * {@code /webhooks/logistics/{partnerId}}.
 *
 * <p>It can also misbehave as partners do: be down for a while ({@link #respondWith(int)}, {@link #recover()}),
 * and send tracking that is forged, stale or replayed ({@link #tracking}, {@link #post}). With
 * {@link #autoTrack(Duration)} it walks every requested parcel to the door by itself.
 *
 * <pre>
 * try (PartnerSimulator partner = PartnerSimulator.start(0)) {
 *     // register a partner with webhookUrl = partner.url(); the answer's signingSecret once:
 *     partner.usePartner(partnerId).useSecret(signingSecret).useGateway(gatewayUrl);
 *     ReceivedWebhook request = partner.awaitAccepted("shipment.requested", orderId, Duration.ofSeconds(30));
 *     partner.track("picked_up", request.shipmentId());
 * }
 * </pre>
 *
 * <p>Started by {@code ./liveloop up} as its own process, it also serves a control API ({@link PartnerControlApi}).
 */
public final class PartnerSimulator implements AutoCloseable {

    /** What the simulator turned away, and why (the verifier's reason, never a secret). */
    public record Refusal(Instant at, String webhookId, String reason) {
    }

    /** What LiveLoop answered to one tracking webhook. */
    public record TrackResult(String type, String shipmentId, String webhookId, int status, String response) {
    }

    private static final String WEBHOOKS = "/webhooks";
    private static final int KEPT = 1000; // the newest accepted/refused webhooks kept, so a long-running process stays small

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("partner-simulator-http"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("partner-simulator-auto"));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    private final List<ReceivedWebhook> accepted = new CopyOnWriteArrayList<>();
    private final List<Refusal> refused = new CopyOnWriteArrayList<>();
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
    private final Map<String, String> trackingNumbers = new ConcurrentHashMap<>();
    private final Map<String, List<ScheduledFuture<?>>> autoSteps = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger answeredWithOutage = new AtomicInteger();

    private volatile List<WebhookSecret> secrets = List.of();
    private volatile String partnerId;
    private volatile String gateway;
    private volatile int outageStatus;
    private volatile Duration autoTrackStep;
    private volatile Consumer<String> log = line -> { };

    private PartnerSimulator(InetSocketAddress address) {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the partner simulator cannot listen on " + address, e);
        }
        server.setExecutor(handlers);
        server.createContext(WEBHOOKS, this::receive);
        server.start();
    }

    /** Starts on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static PartnerSimulator start(int port) {
        return start("127.0.0.1", port);
    }

    public static PartnerSimulator start(String host, int port) {
        return new PartnerSimulator(new InetSocketAddress(host, port));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL of this server, e.g. {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    /** The webhook URL to register for the partner: LiveLoop posts its signed messages here. */
    public String url() {
        return baseUrl() + WEBHOOKS;
    }

    /** The partner secret ({@code whsec_...}) webhooks must verify with, and tracking is signed with. */
    /** The partner secret this simulator verifies with and signs with. */
    public WebhookSecret secret() {
        requireSecret();
        return secrets.get(0);
    }

    public PartnerSimulator useSecret(String whsec) {
        this.secrets = List.of(WebhookSecret.parse(whsec));
        return this;
    }

    /** The partner's id in LiveLoop: tracking goes to {@code /webhooks/logistics/{partnerId}}. */
    public PartnerSimulator usePartner(String partnerId) {
        this.partnerId = partnerId;
        return this;
    }

    /** LiveLoop's gateway base URL, where tracking is posted. */
    public PartnerSimulator useGateway(String gateway) {
        this.gateway = gateway;
        return this;
    }

    /** Where the simulator reports what it does, one line each (the standalone process prints them). */
    public PartnerSimulator logTo(Consumer<String> log) {
        this.log = log;
        return this;
    }

    public String partnerId() {
        return partnerId;
    }

    public String gateway() {
        return gateway;
    }

    public boolean hasSecret() {
        return !secrets.isEmpty();
    }

    /** Webhooks whose signature verified, in arrival order (none while down; a redelivered id only once). */
    public List<ReceivedWebhook> accepted() {
        return List.copyOf(accepted);
    }

    /** The first accepted webhook of {@code type} ({@code shipment.requested}...) about {@code orderId}. */
    public Optional<ReceivedWebhook> acceptedFor(String type, String orderId) {
        return accepted.stream().filter(m -> type.equals(m.type()) && orderId.equals(m.orderId())).findFirst();
    }

    /** Waits for {@link #acceptedFor}; fails after {@code timeout} saying what did arrive. */
    public ReceivedWebhook awaitAccepted(String type, String orderId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ReceivedWebhook> found = acceptedFor(type, orderId);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + type + " for order " + orderId + " within " + timeout
                        + "; accepted " + accepted.size() + ", refused " + refused.size() + " " + refusedReasons());
            }
            pause(Duration.ofMillis(100));
        }
    }

    public List<Refusal> refused() {
        return List.copyOf(refused);
    }

    public int refusedCount() {
        return refused.size();
    }

    /** Every request that reached {@link #url()}, whatever was answered. */
    public int receivedCount() {
        return received.get();
    }

    /** Verified webhooks whose id had been accepted before (LiveLoop's retries after a lost answer). */
    public int duplicateCount() {
        return duplicates.get();
    }

    /** Requests answered with the outage status instead of being looked at. */
    public int outageAnswerCount() {
        return answeredWithOutage.get();
    }

    /** From now on, answer every webhook with {@code status} (e.g. 500 or 503) without looking at it: the partner is down. */
    public void respondWith(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("an HTTP status is 200 to 599, not " + status);
        }
        outageStatus = status == 200 ? 0 : status;
        log.accept("answering every webhook with " + status + " from now on");
    }

    /** The partner is back: verify and accept again. */
    public void recover() {
        outageStatus = 0;
        log.accept("recovered: verifying and accepting webhooks again");
    }

    /** The status answered while down, or 0 when up. */
    public int outageStatus() {
        return outageStatus;
    }

    /**
     * Walks every parcel requested from now on to the door by itself: picked_up after {@code step}, in_transit
     * after two, delivered after three. A cancellation stops what is left of its walk.
     */
    public void autoTrack(Duration step) {
        autoTrackStep = step;
        log.accept("auto-tracking: picked_up, in_transit, delivered every " + step.toSeconds() + "s after a request");
    }

    public void stopAutoTrack() {
        autoTrackStep = null;
        log.accept("auto-tracking off");
    }

    public Duration autoTrackStep() {
        return autoTrackStep;
    }

    /** The tracking number this partner gave the parcel (made up on its request, or on first tracking). */
    public String trackingNumber(String shipmentId) {
        return trackingNumbers.computeIfAbsent(shipmentId,
                id -> "LLX" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000L)));
    }

    /**
     * Posts a signed tracking webhook to the configured gateway as the configured partner.
     *
     * @param type {@code picked_up}, {@code in_transit}, {@code out_for_delivery}, {@code delivered} or
     *             {@code exception}, with or without the {@code shipment.} prefix
     */
    public TrackResult track(String type, String shipmentId) {
        requireConfigured();
        String wire = wireType(type);
        Tracking tracking = tracking(wire, shipmentId, trackingNumber(shipmentId), secrets.get(0), clock.instant());
        HttpResponse<String> response = post(gateway, partnerId, tracking);
        log.accept("posted " + wire + " for shipment " + shipmentId + " (webhook-id " + tracking.headers().id()
                + "): LiveLoop answered " + response.statusCode());
        return new TrackResult(wire, shipmentId, tracking.headers().id(), response.statusCode(), response.body());
    }

    /** Posts a signed tracking webhook for {@code shipmentId} to LiveLoop at {@code gateway}; returns the HTTP status. */
    public int track(String gateway, String partnerId, String type, String shipmentId, String trackingNumber) {
        requireSecret();
        return post(gateway, partnerId, tracking(wireType(type), shipmentId, trackingNumber, secrets.get(0), clock.instant()))
                .statusCode();
    }

    /** A tracking webhook signed with {@code key} as of {@code signedAt}, with a fresh webhook-id (not sent). */
    public Tracking tracking(String type, String shipmentId, String trackingNumber, WebhookSecret key, Instant signedAt) {
        ObjectNode data = json.createObjectNode()
                .put("shipmentId", shipmentId)
                .put("trackingNumber", trackingNumber)
                .put("occurredAt", signedAt.toString())
                .put("location", location(wireType(type)));
        ObjectNode message = json.createObjectNode().put("type", wireType(type));
        message.set("data", data);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tracking webhook", e);
        }
        SignedHeaders headers = new WebhookSigner(clock).sign(WebhookSigner.newMessageId(), signedAt, bytes, List.of(key));
        return new Tracking(bytes, headers);
    }

    /** Sends exactly these bytes and headers (so one can be sent twice: a replay). */
    public HttpResponse<String> post(String gateway, String partnerId, Tracking tracking) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/webhooks/logistics/" + partnerId))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header(SignedHeaders.ID, tracking.headers().id())
                .header(SignedHeaders.TIMESTAMP, tracking.headers().timestamp())
                .header(SignedHeaders.SIGNATURE, tracking.headers().signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(tracking.body())).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("posting tracking to " + gateway + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting tracking", e);
        }
    }

    /** For the control API: more routes on this server. */
    void addContext(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        handlers.shutdownNow();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"POST webhooks here\"}");
                return;
            }
            int outage = outageStatus;
            if (outage != 0) {
                answeredWithOutage.incrementAndGet();
                log.accept("down: answered " + outage + " to webhook " + exchange.getRequestHeaders().getFirst(SignedHeaders.ID));
                answer(exchange, outage, "{\"error\":\"the partner's system is down (simulated)\"}");
                return;
            }
            String id = exchange.getRequestHeaders().getFirst(SignedHeaders.ID);
            try {
                if (secrets.isEmpty()) {
                    throw new IllegalStateException("no partner secret configured yet");
                }
                new WebhookVerifier(clock).verify(id, exchange.getRequestHeaders().getFirst(SignedHeaders.TIMESTAMP),
                        exchange.getRequestHeaders().getFirst(SignedHeaders.SIGNATURE), body, secrets);
            } catch (WebhookVerificationException e) {
                refuse(id, e.reason() + ": " + e.getMessage());
                answer(exchange, 401, "{\"error\":\"signature not accepted\"}");
                return;
            } catch (IllegalStateException | IllegalArgumentException e) {
                refuse(id, e.getMessage());
                answer(exchange, 401, "{\"error\":\"signature not accepted\"}");
                return;
            }
            JsonNode message = parse(body);
            String type = message.path("type").asText("");
            String shipmentId = message.path("data").path("shipmentId").asText(null);
            if (!seenIds.add(id)) {
                duplicates.incrementAndGet();
                log.accept("verified again: " + type + " " + id + " (a redelivery; already recorded)");
            } else {
                ReceivedWebhook webhook = new ReceivedWebhook(id, type, clock.instant(), new String(body, StandardCharsets.UTF_8), message);
                keep(accepted, webhook);
                log.accept("accepted " + type + " for shipment " + shipmentId + " (order " + webhook.orderId()
                        + ", webhook-id " + id + "): signature verified");
                if ("shipment.requested".equals(type) && shipmentId != null) {
                    trackingNumber(shipmentId);
                    scheduleAutoTrack(shipmentId);
                } else if ("shipment.cancelled".equals(type) && shipmentId != null) {
                    cancelAutoTrack(shipmentId);
                }
            }
            String number = shipmentId == null ? null : trackingNumbers.get(shipmentId);
            answer(exchange, 200, number == null ? "{\"received\":true}"
                    : "{\"received\":true,\"trackingNumber\":\"" + number + "\"}");
        }
    }

    private void refuse(String id, String reason) {
        keep(refused, new Refusal(clock.instant(), id, reason));
        log.accept("refused webhook " + id + ": " + reason);
    }

    private void scheduleAutoTrack(String shipmentId) {
        Duration step = autoTrackStep;
        if (step == null || partnerId == null || gateway == null) {
            return;
        }
        List<ScheduledFuture<?>> steps = new ArrayList<>();
        List<String> walk = List.of("picked_up", "in_transit", "delivered");
        for (int i = 0; i < walk.size(); i++) {
            String type = walk.get(i);
            steps.add(scheduler.schedule(() -> autoStep(type, shipmentId), step.toMillis() * (i + 1), TimeUnit.MILLISECONDS));
        }
        autoSteps.put(shipmentId, steps);
    }

    private void autoStep(String type, String shipmentId) {
        try {
            track(type, shipmentId);
        } catch (RuntimeException e) {
            log.accept("auto-tracking " + type + " for " + shipmentId + " failed: " + e.getMessage());
        }
    }

    private void cancelAutoTrack(String shipmentId) {
        List<ScheduledFuture<?>> steps = autoSteps.remove(shipmentId);
        if (steps != null) {
            steps.forEach(f -> f.cancel(false));
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private String refusedReasons() {
        return refused.stream().map(Refusal::reason).distinct().toList().toString();
    }

    private void requireConfigured() {
        requireSecret();
        if (partnerId == null || gateway == null) {
            throw new IllegalStateException("the partner simulator does not know its partner id and LiveLoop's gateway yet");
        }
    }

    private void requireSecret() {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("the partner simulator has no partner secret yet (useSecret)");
        }
    }

    static String wireType(String type) {
        return type.startsWith("shipment.") ? type : "shipment." + type;
    }

    private static String location(String wireType) {
        return switch (wireType) {
            case "shipment.picked_up" -> "揽收网点 pickup depot";
            case "shipment.in_transit" -> "转运中心 sorting centre";
            case "shipment.out_for_delivery" -> "派送中 out with the courier";
            case "shipment.delivered" -> "已签收 handed to the buyer";
            default -> "运输途中 on the way";
        };
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static <T> void keep(List<T> list, T item) {
        list.add(item);
        while (list.size() > KEPT) {
            list.remove(0);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
