import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Waits for a Kafka broker to answer and creates the topics that are missing (JDK + kafka-clients only).
 *
 * <p>Run by ./liveloop as
 * {@code java -cp '<kafka lib>/*' dev/KafkaTopics.java <bootstrap> <timeout-seconds> <replication> [topic:partitions ...]}.
 * With no topics it only waits for the broker. Exit status 0 when the broker answered and every topic
 * exists, 1 when the broker did not answer in time, 2 on any other failure. Existing topics are left as
 * they are (their partition count is not changed).
 */
public class KafkaTopics {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: KafkaTopics <bootstrap> <timeout-seconds> <replication> [topic:partitions ...]");
            System.exit(2);
        }
        String bootstrap = args[0];
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(args[1]));
        short replication = Short.parseShort(args[2]);
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] parts = args[i].split(":");
            wanted.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 6);
        }

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "liveloop-cli");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        try (Admin admin = Admin.create(props)) {
            String clusterId = null;
            Exception last = null;
            while (clusterId == null) {
                try {
                    clusterId = admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    last = e;
                    if (Instant.now().isAfter(deadline)) {
                        System.out.println("no Kafka broker answered at " + bootstrap + ": " + rootMessage(last));
                        System.exit(1);
                    }
                    Thread.sleep(250);
                }
            }
            if (wanted.isEmpty()) {
                System.out.println("cluster " + clusterId);
                return;
            }
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
                }
            });
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic topic : missing) {
                    try {
                        result.values().get(topic.name()).get(30, TimeUnit.SECONDS);
                        created.add(topic.name() + ":" + topic.numPartitions());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            System.out.println("could not create topic " + topic.name() + ": " + rootMessage(e));
                            System.exit(2);
                        }
                    }
                }
            }
            System.out.println(created.isEmpty()
                    ? "all " + wanted.size() + " topics exist"
                    : "created " + String.join(" ", created) + (created.size() < wanted.size()
                            ? "; " + (wanted.size() - created.size()) + " existed" : ""));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
