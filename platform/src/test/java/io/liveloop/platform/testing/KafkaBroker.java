package io.liveloop.platform.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real Kafka broker (KRaft, in this JVM) for tests, and the topics of DESIGN §5. One broker per test JVM
 * serves every Quarkus test application in it; {@link #startNew(int)} gives a test its own broker when it
 * needs to stop and restart one.
 */
public final class KafkaBroker {

    public static final List<String> TOPICS = List.of(
            "catalog.products.v1", "catalog.stock.v1", "orders.v1", "live.sessions.v1", "fulfillment.shipments.v1");

    private static EmbeddedKafkaBroker shared;

    private KafkaBroker() {
    }

    /** The bootstrap servers of this JVM's shared broker, started on first use, with the topics created. */
    public static synchronized String shared() {
        if (shared == null) {
            shared = startNew(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-broker-stop"));
            createTopics(shared.getAdvertisedListeners(), TOPICS);
        }
        return shared.getAdvertisedListeners();
    }

    /** A broker of the caller's own on {@code port}; the caller closes it. */
    public static EmbeddedKafkaBroker startNew(int port) {
        return new EmbeddedKafkaBroker()
                .withKafkaPort(port)
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("auto.create.topics.enable", "false");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
    }

    public static void createTopics(String bootstrapServers, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
