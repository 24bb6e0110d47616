package io.liveloop.fulfillment.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentTest {

    private static final Instant PAID = Instant.parse("2026-05-01T08:00:00Z");

    private static Shipment shipment() {
        return new Shipment(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                List.of(new ShipmentItem(UUID.randomUUID(), UUID.randomUUID(), "Tee", Map.of(), 1)),
                new ShipTo("A", "1", "P", "C", "D", "L", null), PAID, Duration.ofHours(24), PAID);
    }

    private static TrackingUpdate report(TrackingType type, int minutesAfterPayment) {
        return new TrackingUpdate(type, PAID.plus(Duration.ofMinutes(minutesAfterPayment)), null, null, null, "msg");
    }

    @Test
    void shipByIsPaymentPlusShipWithin() {
        assertThat(shipment().getShipBy()).isEqualTo(Instant.parse("2026-05-02T08:00:00Z"));
    }

    @Test
    void dispatchFailureRecoversWhenThePartnerAcceptsLater() {
        Shipment s = shipment();
        assertThat(s.markDispatchFailed(PAID)).isTrue();
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.DISPATCH_FAILED);
        assertThat(s.markDispatched(PAID)).isTrue();
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.DISPATCHED);
        assertThat(s.markDispatched(PAID)).isFalse();
        assertThat(s.markDispatchFailed(PAID)).isFalse();
    }

    @Test
    void anExceptionOlderThanTheProgressReportedDoesNotHideIt() {
        Shipment s = shipment();
        s.recordTracking(report(TrackingType.EXCEPTION, 60), PAID);
        // picked up at 30 min, reported after the exception at 60 min: the exception still stands
        assertThat(s.recordTracking(report(TrackingType.PICKED_UP, 30), PAID)).containsExactly(ShipmentStatus.PICKED_UP);
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.EXCEPTION);
        // progress after the exception clears it
        assertThat(s.recordTracking(report(TrackingType.PICKED_UP, 90), PAID)).containsExactly(ShipmentStatus.PICKED_UP);
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.PICKED_UP);
        // an exception from before the last progress is history
        assertThat(s.recordTracking(report(TrackingType.EXCEPTION, 45), PAID)).isEmpty();
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.PICKED_UP);
    }

    @Test
    void cancellationOnlyBeforePickup() {
        Shipment before = shipment();
        assertThat(before.cancel("cancelled", PAID)).isEqualTo(Shipment.CancelOutcome.CANCELLED);
        assertThat(before.cancel("cancelled", PAID)).isEqualTo(Shipment.CancelOutcome.ALREADY_CANCELLED);
        assertThat(before.recordTracking(report(TrackingType.PICKED_UP, 10), PAID)).isEmpty();
        assertThat(before.getStatus()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(before.getSupportNote()).contains("cancelled shipment");
        assertThat(before.markOverdue(PAID.plus(Duration.ofDays(3)))).isFalse();

        Shipment after = shipment();
        after.recordTracking(report(TrackingType.IN_TRANSIT, 10), PAID);
        assertThat(after.cancel("refunded", PAID)).isEqualTo(Shipment.CancelOutcome.FLAGGED_FOR_SUPPORT);
        assertThat(after.getStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }

    @Test
    void overdueOnceAndOnlyWhenNotPickedUpByShipBy() {
        Shipment s = shipment();
        assertThat(s.markOverdue(PAID.plus(Duration.ofHours(23)))).isFalse();
        assertThat(s.markOverdue(PAID.plus(Duration.ofHours(25)))).isTrue();
        assertThat(s.isOverdue()).isTrue();
        assertThat(s.markOverdue(PAID.plus(Duration.ofHours(26)))).isFalse();
        s.recordTracking(report(TrackingType.PICKED_UP, 26 * 60), PAID);
        assertThat(s.isOverdue()).isFalse();
    }
}
