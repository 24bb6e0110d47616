package io.liveloop.gateway.ratelimit;

import io.liveloop.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per (rule, user or client address), in memory: each gateway instance limits on its own, so
 * with n instances behind a load balancer a client may get up to n times the configured rate.
 */
@ApplicationScoped
public class RateLimiter {

    public enum Rule { ORDER_WRITES, SIGN_IN, WEBHOOKS, API }

    /** Whether the request may go on; if not, after how long a retry may succeed. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds, rounded up, at least 1: what a Retry-After header can say. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private record Key(Rule rule, String client) {
    }

    private final GatewayConfig.RateLimits config;
    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimits(), System::nanoTime);
    }

    RateLimiter(GatewayConfig.RateLimits config, LongSupplier nanoClock) {
        this.config = config;
        this.nanoClock = nanoClock;
    }

    public Decision tryAcquire(Rule rule, String client) {
        if (!config.enabled()) {
            return Decision.ALLOWED;
        }
        long now = nanoClock.getAsLong();
        GatewayConfig.Limit limit = limitOf(rule);
        TokenBucket bucket = buckets.computeIfAbsent(new Key(rule, client),
                k -> new TokenBucket(limit.burst(), limit.perSecond(), now));
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? Decision.ALLOWED : new Decision(false, Duration.ofNanos(waitNanos));
    }

    /** Full buckets hold no information: dropping them keeps memory proportional to recently active clients. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdleClients() {
        long now = nanoClock.getAsLong();
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now));
    }

    int trackedClients() {
        return buckets.size();
    }

    private GatewayConfig.Limit limitOf(Rule rule) {
        return switch (rule) {
            case ORDER_WRITES -> config.orderWrites();
            case SIGN_IN -> config.signIn();
            case WEBHOOKS -> config.webhooks();
            case API -> config.api();
        };
    }
}
