package io.liveloop.fulfillment.webhooks;

import io.liveloop.fulfillment.config.FulfillmentConfig;
import io.liveloop.fulfillment.domain.AttemptResult;
import io.liveloop.fulfillment.service.DeliveryQueued;
import io.liveloop.fulfillment.service.DeliveryService;
import io.liveloop.fulfillment.service.DeliveryService.Attempted;
import io.liveloop.fulfillment.service.DeliveryService.Outgoing;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSigner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due webhook deliveries to partners. Each round claims as many due deliveries as there are free slots
 * ({@code max-in-flight}), signs each with the partner's active secrets and POSTs it without blocking (JDK
 * HttpClient); when attempts end, their outcomes are recorded on a small pool, as many per transaction as ended
 * meanwhile (a slot is free again once its attempt is recorded). Nothing about retries is kept in memory: a
 * restart finds every pending delivery in the database.
 *
 * <p>Rounds run one at a time on one thread and start when there may be something to send: a delivery was queued
 * and its transaction committed ({@link DeliveryQueued}), or a slot came free while due deliveries were left
 * behind for want of one. The poll ({@code poll-every}) is only the safety net for what nothing announces: retries
 * coming due, deliveries another instance queued, a restart. (Polled alone, a new delivery waited half the
 * interval on average, and a backlog deeper than the slots waited a whole interval per round.)
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final DeliveryService deliveries;
    private final WebhookTargets targets;
    private final FulfillmentConfig config;
    private final Clock clock;
    private final WebhookSigner signer;
    private final Semaphore slots;
    private final ExecutorService rounds;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    /** The last round filled every free slot, so due deliveries may be waiting for one. */
    private volatile boolean slotsWanted;
    /** Attempts that ended and wait to be recorded; each holds its slot until it is. */
    private final Queue<Attempted> finished = new ConcurrentLinkedQueue<>();
    private final ExecutorService recorders;
    private final ExecutorService httpCallbacks;
    private final HttpClient http;
    private volatile boolean stopping;

    public WebhookSender(DeliveryService deliveries, WebhookTargets targets, FulfillmentConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
        this.signer = new WebhookSigner(clock);
        this.slots = new Semaphore(config.webhooks().maxInFlight());
        this.rounds = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.recorders = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "webhook-attempt-recorder");
            thread.setDaemon(true);
            return thread;
        });
        this.httpCallbacks = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "webhook-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead past the target check
                .executor(httpCallbacks)
                .build();
    }

    @Scheduled(every = "${fulfillment.webhooks.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** A delivery was stored and committed: send it now. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryQueued queued) {
        wake();
    }

    /**
     * Makes sure a round starts after this call. Wake-ups that come while one is queued join it; one that comes
     * while a round runs queues the next, which will see whatever the running round's claim missed.
     */
    void wake() {
        if (stopping || !roundQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            rounds.execute(() -> {
                roundQueued.set(false);
                sendDue();
            });
        } catch (RejectedExecutionException shuttingDown) {
            roundQueued.set(false);
        }
    }

    private void sendDue() {
        if (stopping) {
            return; // the database goes away during shutdown; pending deliveries wait for the next start
        }
        int free = slots.availablePermits();
        if (free == 0) {
            slotsWanted = true;
            return;
        }
        List<Outgoing> claimed;
        try {
            claimed = deliveries.claimDue(free);
        } catch (RuntimeException e) {
            LOG.warnf("Could not claim due deliveries (%s); the next poll tries again", e.getMessage());
            return;
        }
        slotsWanted = claimed.size() == free;
        for (Outgoing outgoing : claimed) {
            slots.acquireUninterruptibly();
            attempt(outgoing).thenAccept(result -> {
                finished.add(new Attempted(outgoing.deliveryId(), outgoing.shipmentId(), result));
                recorders.execute(this::recordFinished);
            });
        }
    }

    /**
     * Records every attempt that finished and is not recorded yet, in one transaction, then frees their slots. Runs
     * after each attempt, so a quiet sender records each at once and a busy one records whatever finished while
     * the previous recording committed.
     */
    private void recordFinished() {
        List<Attempted> batch = new ArrayList<>();
        for (Attempted next = finished.poll(); next != null; next = finished.poll()) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return; // an earlier run took them
        }
        try {
            if (batch.size() == 1) {
                recordAlone(batch.get(0));
            } else {
                try {
                    deliveries.recordAttempts(batch);
                } catch (RuntimeException batchFailed) {
                    // One at a time, so that one that cannot be recorded does not leave the others unrecorded.
                    batch.forEach(this::recordAlone);
                }
            }
        } finally {
            slots.release(batch.size());
            if (slotsWanted) {
                wake();
            }
        }
    }

    private void recordAlone(Attempted attempted) {
        try {
            deliveries.recordAttempts(List.of(attempted));
        } catch (RuntimeException e) {
            // The lease makes it due again; the attempt itself is not lost, only its record.
            LOG.errorf(e, "Could not record an attempt of delivery %s", attempted.deliveryId());
        }
    }

    /** One signed POST; never fails, a failure is a result too. */
    CompletableFuture<AttemptResult> attempt(Outgoing outgoing) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        URI target;
        try {
            target = URI.create(outgoing.url());
            targets.requireSendable(target);
        } catch (WebhookTargets.RefusedTarget | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new AttemptResult(started, null, 0, "refused: " + e.getMessage(), null, null));
        }
        SignedHeaders headers = signer.sign(outgoing.messageId(), outgoing.body(), outgoing.secrets());
        Duration timeout = config.webhooks().timeout();
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "LiveLoop-Webhooks/1")
                .header(SignedHeaders.ID, headers.id())
                .header(SignedHeaders.TIMESTAMP, headers.timestamp())
                .header(SignedHeaders.SIGNATURE, headers.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.body()))
                .build();
        int excerptChars = config.webhooks().responseExcerptChars();
        return http.sendAsync(request, info -> new ExcerptSubscriber(excerptChars))
                .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    if (failure != null) {
                        return new AttemptResult(started, null, latency, describe(failure), null, null);
                    }
                    int status = response.statusCode();
                    Duration retryAfter = status == 429 || status == 503
                            ? retryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null;
                    String error = status >= 200 && status < 300 ? null : "HTTP " + status;
                    return new AttemptResult(started, status, latency, error, response.body(), retryAfter);
                });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof TimeoutException) {
            return "timeout: no answer within the attempt timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection failed: " + (cause.getMessage() == null ? "refused" : cause.getMessage());
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Retry-After as seconds or an HTTP date; null if absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        rounds.shutdown();
        recorders.shutdown();
        httpCallbacks.shutdown();
    }
}
