package io.liveloop.gateway.ratelimit;

/**
 * The classic token bucket: holds up to {@code capacity} tokens, gains {@code refillPerSecond} a second, and a
 * request takes one or waits. Refilling is computed lazily from the elapsed time, so an idle bucket costs nothing.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long updatedAtNanos;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.updatedAtNanos = nowNanos;
    }

    /** Takes a token if there is one; otherwise says how long until there will be (nanoseconds, > 0). */
    synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano));
    }

    /** Full again: nobody has used it for a while, so forgetting it changes nothing. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedAtNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            updatedAtNanos = nowNanos;
        }
    }
}
