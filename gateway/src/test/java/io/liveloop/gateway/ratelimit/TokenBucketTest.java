package io.liveloop.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenTheRateAndSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.isFull(SECOND / 2)).isFalse();
        assertThat(bucket.isFull(10 * SECOND)).isTrue();
        // never more than the burst, however long it rested
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(100 * SECOND)).isZero();
        }
        assertThat(bucket.tryTake(100 * SECOND)).isPositive();
    }
}
