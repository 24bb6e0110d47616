package io.liveloop.order.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.order.config.OrderConfig;
import io.liveloop.platform.webhooks.SignedHeaders;
import io.liveloop.platform.webhooks.WebhookSecret;
import io.liveloop.platform.webhooks.WebhookSigner;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in sandbox: behaves like a real provider. A charge is answered at once; a moment after the payment's
 * transaction commits, it calls {@code POST /webhooks/payments/sandbox} over HTTP with a Standard Webhooks signed
 * notification (succeeded or failed as {@code simulate} says; NONE sends nothing). A callback that is not accepted
 * is retried with backoff, keeping its webhook-id, as providers do. Refunds succeed at once.
 */
@ApplicationScoped
public class SandboxPaymentProvider implements PaymentProvider {

    private static final Logger LOG = Logger.getLogger(SandboxPaymentProvider.class);
    public static final String NAME = "sandbox";

    private final OrderConfig.Sandbox config;
    private final TransactionSynchronizationRegistry transactions;
    private final ObjectMapper json;
    private final WebhookSigner signer;
    private final WebhookSecret secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-payment-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    public SandboxPaymentProvider(OrderConfig config, TransactionSynchronizationRegistry transactions, ObjectMapper json,
                                  Clock clock) {
        this.config = config.sandbox();
        this.transactions = transactions;
        this.json = json;
        this.signer = new WebhookSigner(clock);
        this.secret = this.config.webhookSecret().filter(s -> !s.isBlank()).map(WebhookSecret::parse)
                .orElseGet(WebhookSecret::generate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Charge charge(ChargeRequest request) {
        String providerRef = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        String outcome = request.simulate() == null ? "SUCCEED" : request.simulate();
        if (!"NONE".equals(outcome)) {
            String type = "FAIL".equals(outcome) ? "payment.failed" : "payment.succeeded";
            Notification notification = new Notification(type, new Notification.Data(providerRef, request.amountCents()));
            // After the commit: a callback must never find the payment not there yet.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        schedule(WebhookSigner.newMessageId(), notification, 1, config.callbackDelay());
                    }
                }
            });
        }
        return new Charge(providerRef);
    }

    @Override
    public String refund(String providerRef, long amountCents) {
        return "sbx_re_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public List<WebhookSecret> webhookSecrets() {
        return List.of(secret);
    }

    /** What the sandbox posts: {@code {type, data: {providerRef, amountCents}}}. */
    public record Notification(String type, Data data) {
        public record Data(String providerRef, long amountCents) {
        }
    }

    private void schedule(String messageId, Notification notification, int attempt, Duration delay) {
        callbacks.schedule(() -> deliver(messageId, notification, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(String messageId, Notification notification, int attempt) {
        try {
            byte[] body = json.writeValueAsBytes(notification);
            SignedHeaders headers = signer.sign(messageId, body, List.of(secret));
            HttpRequest.Builder request = HttpRequest.newBuilder(callbackUrl()).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, String> header : headers.asMap().entrySet()) {
                request.header(header.getKey(), header.getValue());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2) {
                return;
            }
            retry(messageId, notification, attempt, "answered " + response.statusCode() + ": " + response.body());
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "Sandbox notification %s cannot be written", messageId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retry(messageId, notification, attempt, e.toString());
        }
    }

    private void retry(String messageId, Notification notification, int attempt, String why) {
        if (attempt >= config.callbackAttempts()) {
            LOG.errorf("Sandbox gave up calling back %s for %s after %d attempts: %s", messageId,
                    notification.data().providerRef(), attempt, why);
            return;
        }
        LOG.warnf("Sandbox callback %s (attempt %d) not accepted: %s; retrying", messageId, attempt, why);
        schedule(messageId, notification, attempt + 1, Duration.ofMillis(500L << Math.min(attempt, 6)));
    }

    /** Read at call time: under test the service's port is known only once it listens. */
    private static URI callbackUrl() {
        String base = ConfigProvider.getConfig().getValue("liveloop.services.order-url", String.class);
        return URI.create(base.replaceAll("/+$", "") + "/webhooks/payments/" + NAME);
    }

    @PreDestroy
    void stop() {
        callbacks.shutdownNow();
    }
}
