package io.liveloop.platform.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * A real Kafka broker (KRaft, in this JVM) for tests, and the topics of DESIGN §5. One broker per test JVM
 * serves every Quarkus test application in it; {@link #startNew(int)} gives a test its own broker when it
 * needs to stop and restart one. {@link #publish} and {@link #consume} play the other services' side.
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

    /**
     * Publishes {@code values} to the shared broker under {@code key}, in order, each acknowledged before the next,
     * with the {@code content-type: application/cloudevents+json} header the outbox relay puts on its records.
     */
    public static void publish(String topic, String key, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, shared()), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The records of {@code topic} with this key, from the beginning, once {@code expected} arrived (or after 30 s). */
    public static List<ConsumerRecord<String, String>> consume(String topic, String key, int expected) {
        return consume(topic, r -> key.equals(r.key()), expected);
    }

    /**
     * The records of {@code topic} that {@code wanted} picks, from the beginning, once {@code expected} of them
     * arrived or 30 s passed (the caller asserts on what came). Each call reads as a consumer group of its own.
     */
    public static List<ConsumerRecord<String, String>> consume(String topic, Predicate<ConsumerRecord<String, String>> wanted,
                                                               int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, shared(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (wanted.test(r)) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
