package io.liveloop.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.DriverManager;
import java.util.Map;
import java.util.Optional;

/** Runs the service's {@link OutboxRelay} for the life of the process. */
@ApplicationScoped
public class OutboxRelayService {

    private final OutboxRelay relay;
    private final boolean enabled;

    public OutboxRelayService(OutboxConfig config,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                              @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                              @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.enabled = config.enabled();
        // Its own connection, outside the pool (OutboxRelay says why); one per service beside the pool's max-size.
        this.relay = new OutboxRelay(
                () -> DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null)),
                () -> producer(bootstrapServers, applicationName), config);
    }

    /** Idempotent, acks from all in-sync replicas, small lingering so that a burst of commits shares requests. */
    public static Producer<String, String> producer(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            relay.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        relay.stop();
    }
}
