package io.liveloop.order.payment;

import io.liveloop.order.config.OrderConfig;
import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every provider this service can take payments with, by name (the sandbox only where it is enabled). */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProvider> byName;

    public PaymentProviders(Instance<PaymentProvider> providers, OrderConfig config) {
        this.byName = providers.stream()
                .filter(p -> config.sandbox().enabled() || !SandboxPaymentProvider.NAME.equals(p.name()))
                .collect(Collectors.toMap(PaymentProvider::name, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two payment providers are named " + a.name());
                }, TreeMap::new));
    }

    public Optional<PaymentProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** For a buyer's payment: a provider we do not offer is bad input. */
    public PaymentProvider require(String name) {
        return find(name).orElseThrow(() -> new ProblemException(422, "unknown-payment-provider",
                "Unknown payment provider", "provider '" + name + "' is not offered; use one of " + byName.keySet()));
    }
}
