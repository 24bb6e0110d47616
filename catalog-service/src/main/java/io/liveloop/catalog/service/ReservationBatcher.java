package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationRequest;
import io.liveloop.catalog.rest.dto.ReservationResponse;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for stock reservations. A hot SKU's row lock is held from a reservation's deduction through its
 * commit flush, so one reservation per transaction caps a flash sale at the database's commit rate on that row.
 * Requests are queued instead and a few worker threads each take whatever has queued up (at most
 * {@code maxSize}) as one batch: {@link StockService#reserveAll} grants it in one transaction that locks each SKU
 * row once, so the commit is paid once per batch. Under light load a batch is a single request and costs what one
 * transaction always cost; under heavy load batches grow by themselves while the previous one commits.
 *
 * <p>The batcher orders work; it guarantees nothing on its own. Idempotency and never overselling rest on the
 * database (advisory locks on reservation ids, SKU row locks, guarded updates), so any number of instances of
 * the service — each with its own batcher — may run side by side.
 *
 * <p>Failures: a batch whose transaction fails granted nothing (it rolled back), and each of its requests is then
 * tried again alone, so one bad request cannot fail the others and none is granted twice (a retry takes the id's
 * advisory lock and finds a reservation that did commit). When the database is unreachable the whole batch is
 * answered with that failure at once (503) rather than retried request by request.
 */
@ApplicationScoped
public class ReservationBatcher {

    private static final Logger LOG = Logger.getLogger(ReservationBatcher.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The queue is full, or the service is stopping: the caller should retry (with the same reservation id). */
    public static class SaturatedException extends RuntimeException {
        SaturatedException(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending(ReservationRequest request, CompletableFuture<ReservationResponse> answer) {

        void complete(StockService.Outcome outcome) {
            if (outcome.refused() != null) {
                answer.completeExceptionally(outcome.refused());
            } else {
                answer.complete(outcome.reserved().response());
            }
        }
    }

    private final StockService stock;
    private final CatalogConfig.Batching settings;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean accepting;

    @Inject
    public ReservationBatcher(StockService stock, CatalogConfig config, MeterRegistry meters) {
        this(stock, config.reservations().batching(), meters);
    }

    /** Another instance over the same database: what a second replica of the service runs (tests use it so). */
    ReservationBatcher(StockService stock, CatalogConfig.Batching settings, MeterRegistry meters) {
        this.stock = stock;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.batchSizes = DistributionSummary.builder("catalog.reservations.batch.size")
                .description("Reservation requests granted together in one transaction").register(meters);
        meters.gauge("catalog.reservations.queued", queue, BlockingQueue::size);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Queues a reservation; the answer (or the problem refusing it) comes when its batch has committed. */
    public CompletionStage<ReservationResponse> reserve(ReservationRequest request) {
        Pending pending = new Pending(request, new CompletableFuture<>());
        if (!accepting || !queue.offer(pending)) {
            pending.answer.completeExceptionally(new SaturatedException(accepting
                    ? "More than " + settings.queueCapacity() + " reservations are waiting; retry shortly"
                    : "The service is stopping; retry shortly"));
        } else if (!accepting && queue.remove(pending)) {
            // stop() ran between the check and the offer, and no worker took it: answer it here
            pending.answer.completeExceptionally(new SaturatedException("The service is stopping; retry shortly"));
        }
        return pending.answer;
    }

    public synchronized void start() {
        if (accepting) {
            return;
        }
        accepting = true;
        for (int i = 1; i <= settings.workers(); i++) {
            Thread worker = new Thread(this::work, "reservation-batcher-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Stops taking requests, lets the workers finish what is queued, and answers anything left over. */
    public synchronized void stop() {
        accepting = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer.completeExceptionally(new SaturatedException("The service is stopping; retry shortly")));
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(settings.maxSize());
        while (true) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (!accepting) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, settings.maxSize() - 1);
            grant(batch);
            batch.clear();
        }
    }

    /**
     * Grants these requests as one batch, now, on the calling thread: what a worker does with what it took from
     * the queue. Tests use it to compose a batch exactly.
     */
    List<CompletableFuture<ReservationResponse>> reserveTogether(List<ReservationRequest> requests) {
        List<Pending> batch = requests.stream().map(r -> new Pending(r, new CompletableFuture<ReservationResponse>())).toList();
        grant(batch);
        return batch.stream().map(Pending::answer).toList();
    }

    private void grant(List<Pending> batch) {
        try {
            grantOrRetryAlone(batch);
        } finally {
            // A request must never be left waiting: whatever was not answered (an Error was thrown) fails here.
            batch.forEach(p -> p.answer.completeExceptionally(new IllegalStateException("reservation batch aborted")));
        }
    }

    private void grantOrRetryAlone(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<StockService.Outcome> outcomes;
        try {
            outcomes = stock.reserveAll(batch.stream().map(Pending::request).toList());
        } catch (RuntimeException failure) {
            if (batch.size() == 1 || databaseUnavailable(failure)) {
                batch.forEach(p -> p.answer.completeExceptionally(failure));
                return;
            }
            LOG.warnf(failure, "A batch of %d reservations failed and was rolled back; trying each on its own", batch.size());
            batch.forEach(this::grantAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(outcomes.get(i));
        }
    }

    private void grantAlone(Pending pending) {
        try {
            pending.complete(stock.reserveAll(List.of(pending.request())).get(0));
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "Reservation %s failed on its own too", pending.request().reservationId());
            pending.answer.completeExceptionally(failure);
        }
    }

    /** Connection-level trouble: retrying request by request would only wait for the same timeout many times. */
    private static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (String.valueOf(sql.getMessage()).contains("acquisition timeout")
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
                return true;
            }
        }
        return false;
    }
}
