package io.liveloop.catalog.service;

import io.liveloop.catalog.config.CatalogConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Releases reservations that were neither confirmed nor released by their expiry (plus grace). */
@ApplicationScoped
public class ReservationSweeper {

    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);

    private final StockService stock;
    private final CatalogConfig config;

    public ReservationSweeper(StockService stock, CatalogConfig config) {
        this.stock = stock;
        this.config = config;
    }

    @Scheduled(every = "${catalog.reservations.sweep-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void releaseExpiredReservations() {
        int released;
        do {
            released = stock.releaseExpiredReservations();
            if (released > 0) {
                LOG.infof("Released %d expired reservation(s)", released);
            }
        } while (released == config.reservations().sweepBatch());
    }
}
