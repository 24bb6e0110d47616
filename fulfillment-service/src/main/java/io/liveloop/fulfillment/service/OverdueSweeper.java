package io.liveloop.fulfillment.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Flags shipments that nobody picked up by their ship-by (event liveloop.shipment.overdue). */
@ApplicationScoped
public class OverdueSweeper {

    private static final Logger LOG = Logger.getLogger(OverdueSweeper.class);
    private static final int BATCH = 200;

    private final ShipmentService shipments;

    public OverdueSweeper(ShipmentService shipments) {
        this.shipments = shipments;
    }

    // The first sweep waits one interval too: the tests set an hour and drive the sweep themselves, and a sweep
    // ten seconds after start could flag a test's shipment (their paid dates are fixed, so long past) mid-test.
    @Scheduled(every = "${fulfillment.sla.overdue-check-every:1m}",
            delayed = "${fulfillment.sla.overdue-check-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flagOverdueShipments() {
        int flagged;
        do {
            flagged = shipments.flagOverdue(BATCH);
            if (flagged > 0) {
                LOG.infof("Flagged %d shipment(s) overdue for pickup", flagged);
            }
        } while (flagged == BATCH);
    }
}
