package io.liveloop.order.domain;

import io.liveloop.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    private final Instant now = Instant.parse("2025-06-01T10:00:00Z");

    private Order order(OrderLine... lines) {
        return new Order(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), List.of(lines), null, null,
                new ShippingAddress("Li", "138", "Zhejiang", "Hangzhou", "Xihu", "1 Road", null), null, now, Duration.ofMinutes(15));
    }

    private static OrderLine line(long unit, int quantity, Integer rateBps, int shipWithin) {
        return new OrderLine(UUID.randomUUID(), UUID.randomUUID(), "x", Map.of(), quantity, unit, unit, shipWithin, rateBps);
    }

    @Test
    void totalsCommissionAndShipWithinComeFromTheLines() {
        Order order = order(line(3333, 3, 1500, 48), line(1000, 1, null, 24));
        assertThat(order.getTotalCents()).isEqualTo(10999);
        assertThat(order.getCommissionCents()).isEqualTo(1499); // 9999 × 15 % = 1499.85, rounded down
        assertThat(order.getShipWithinHours()).isEqualTo(24);
        assertThat(order.getPayBy()).isEqualTo(now.plusSeconds(900));
    }

    @Test
    void theHappyPathAndItsIllegalMoves() {
        Order order = order(line(100, 1, null, 24));
        assertThatThrownBy(() -> order.confirmReceipt(now)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("PENDING_PAYMENT");
        order.markPaid(now);
        assertThatThrownBy(() -> order.markPaid(now)).isInstanceOf(ProblemException.class).hasMessageContaining("PAID");
        assertThatThrownBy(() -> order.requirePayable(now)).isInstanceOf(ProblemException.class);
        assertThat(order.recordPickedUp(now)).isTrue();
        assertThat(order.recordPickedUp(now)).isFalse();
        assertThatThrownBy(() -> order.cancelByBuyer("x", now)).isInstanceOf(ProblemException.class).hasMessageContaining("SHIPPED");
        assertThat(order.recordDelivered(now)).isTrue();
        assertThat(order.recordPickedUp(now)).isFalse();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.autoComplete(now.plus(Duration.ofDays(6)), Duration.ofDays(7))).isFalse();
        assertThat(order.autoComplete(now.plus(Duration.ofDays(8)), Duration.ofDays(7))).isTrue();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.recordDelivered(now)).isFalse();
    }

    @Test
    void cancellingDependsOnWhetherItWasPaid() {
        Order unpaid = order(line(100, 1, null, 24));
        assertThat(unpaid.cancelByBuyer("no", now)).isEqualTo(Order.Cancellation.CANCELLED);
        assertThat(unpaid.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> unpaid.markPaid(now)).isInstanceOf(ProblemException.class);
        assertThat(unpaid.recordPickedUp(now)).isFalse();

        Order paid = order(line(100, 1, null, 24));
        paid.markPaid(now);
        assertThat(paid.cancelByBuyer("no", now)).isEqualTo(Order.Cancellation.REFUNDED);
        assertThat(paid.getStatus()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void onlyAnUnpaidOrderPastPayByExpires() {
        Order order = order(line(100, 1, null, 24));
        assertThat(order.expireUnpaid(now.plusSeconds(900))).isFalse();
        assertThatThrownBy(() -> order.requirePayable(now.plusSeconds(901))).isInstanceOf(ProblemException.class)
                .hasMessageContaining("paid by");
        assertThat(order.expireUnpaid(now.plusSeconds(901))).isTrue();
        assertThat(order.getCancelReason()).isEqualTo("payment-timeout");
    }
}
