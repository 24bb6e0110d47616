package io.liveloop.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The LiveLoop suite under test: a broker and the five packaged services, started and stopped by the
 * developer CLI itself ({@code ./liveloop up --no-build}, {@code ./liveloop down --purge}), never by a
 * second copy of its start-up logic.
 *
 * <p>The suite is isolated from one that a developer may have running: its own run directory
 * ({@code e2e/target/e2e-run}), ports shifted by {@value #DEFAULT_PORT_OFFSET}, databases and roles prefixed
 * {@code e2e_}. Each of these can be changed with the environment variables {@code LIVELOOP_E2E_RUN_DIR},
 * {@code LIVELOOP_E2E_PORT_OFFSET} and {@code LIVELOOP_E2E_DB_PREFIX}. A {@code KAFKA_BOOTSTRAP_SERVERS}
 * in the environment is not passed on: the suite always runs its own broker.
 *
 * <p>Tests get the one instance per JVM through {@link LiveLoopSuiteExtension}; base URLs come from the
 * {@code suite.properties} file that {@code ./liveloop up} writes, e.g. {@code suite.url("gateway")}.
 */
public final class RunningSuite implements AutoCloseable {

    /** The five services, in the order the CLI starts them. */
    public static final List<String> SERVICES =
            List.of("catalog-service", "order-service", "livestream-service", "fulfillment-service", "gateway");

    /**
     * The sandbox payment provider's signing secret in this suite, so that a test can play the provider and send
     * a notification of its own (a late one, say).
     */
    public static final String SANDBOX_PAYMENT_SECRET = "whsec_bGl2ZWxvb3AtZTJlLXNhbmRib3gtcGF5bWVudHMtMzI=";

    static final int DEFAULT_PORT_OFFSET = 10000;
    private static final long CLI_TIMEOUT_MINUTES = 15;

    private final Path root;
    private final Path runDir;
    private final Map<String, String> env;
    private final Properties properties = new Properties();
    private volatile boolean closed;

    private RunningSuite(Path root, Path runDir, Map<String, String> env) {
        this.root = root;
        this.runDir = runDir;
        this.env = env;
    }

    /**
     * Starts a fresh isolated suite: {@code down --purge} of whatever an earlier run left in the same run
     * directory, then {@code up --no-build}. Fails with the CLI's output when either command fails.
     */
    public static RunningSuite start() {
        Path root = findRepositoryRoot();
        Path runDir = Path.of(envOr("LIVELOOP_E2E_RUN_DIR", root.resolve("e2e/target/e2e-run").toString()))
                .toAbsolutePath().normalize();
        Map<String, String> env = Map.of(
                "LIVELOOP_RUN_DIR", runDir.toString(),
                "LIVELOOP_PORT_OFFSET", envOr("LIVELOOP_E2E_PORT_OFFSET", String.valueOf(DEFAULT_PORT_OFFSET)),
                "LIVELOOP_DB_PREFIX", envOr("LIVELOOP_E2E_DB_PREFIX", "e2e_"),
                // Short clocks, so that the tests can watch timeouts happen: unpaid orders lapse after 12 s,
                // a partner's webhook that failed is tried again every 2 s (not after 5 s, 5 min, 30 min...).
                "ORDER_PAYMENT_TIMEOUT", "PT12S",
                "ORDER_TIMEOUTS_SWEEP_EVERY", "1s",
                "FULFILLMENT_WEBHOOKS_RETRY_SCHEDULE", "0s,2s,2s,2s,2s,2s,2s,2s,2s,2s",
                "ORDER_SANDBOX_WEBHOOK_SECRET", SANDBOX_PAYMENT_SECRET,
                // the tests make their own shops; the demo data is loaded (and checked) by SeedAndDemoE2ETest
                "LIVELOOP_SEED", "0");
        RunningSuite suite = new RunningSuite(root, runDir, env);
        Thread hook = new Thread(suite::stopQuietly, "liveloop-e2e-suite-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            suite.cli("down", "--purge").orFail("./liveloop down --purge (clearing an earlier e2e suite)");
            suite.cli("up", "--no-build").orFail("./liveloop up --no-build");
            suite.loadProperties();
            return suite;
        } catch (RuntimeException | Error e) {
            suite.stopQuietly();
            removeHook(hook);
            throw e;
        }
    }

    /** Base URL of a service ({@code "gateway"}, {@code "catalog-service"} or just {@code "catalog"}), no trailing slash. */
    public String url(String service) {
        String name = SERVICES.contains(service) || "gateway".equals(service) ? service : service + "-service";
        String url = properties.getProperty(name + ".url");
        if (url == null) {
            throw new IllegalArgumentException("no such service in the suite: " + service + " (one of " + SERVICES + ")");
        }
        return url;
    }

    /** {@code host:port} of the suite's Kafka broker. */
    public String kafkaBootstrapServers() {
        return properties.getProperty("kafka.bootstrap.servers");
    }

    /** Name of a service's database in this suite (e.g. {@code e2e_orders}). */
    public String database(String service) {
        return properties.getProperty(service + ".database");
    }

    /** Another value of {@code suite.properties} (run.dir, logs.dir, postgresql, jwt.private.key, ...). */
    public String property(String key) {
        return properties.getProperty(key);
    }

    public Path runDir() {
        return runDir;
    }

    /** Runs {@code ./liveloop <args>} against this suite; its output is echoed to stdout as it comes. */
    public CliResult cli(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("liveloop").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().putAll(env);
        String shown = "./liveloop " + String.join(" ", args);
        StringBuilder output = new StringBuilder();
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Thread reader = new Thread(() -> copyLines(process.getInputStream(), output), "liveloop-cli-output");
            reader.start();
            if (!process.waitFor(CLI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                reader.join(5_000);
                return new CliResult(shown, -1, output + "\n(timed out after " + CLI_TIMEOUT_MINUTES + " minutes)");
            }
            reader.join();
            return new CliResult(shown, process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + shown, e);
        }
    }

    /**
     * Stops the suite and deletes its data and databases ({@code down --purge}); the services' logs are
     * first copied to {@code e2e/target/e2e-logs/} so that a failure can still be read.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        keepLogs();
        cli("down", "--purge").orFail("./liveloop down --purge (stopping the e2e suite)");
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException | Error e) {
            System.err.println(e.getMessage());
        }
    }

    private void keepLogs() {
        Path logs = runDir.resolve("logs");
        Path target = root.resolve("e2e/target/e2e-logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the e2e suite's logs: " + e);
        }
    }

    private void loadProperties() {
        Path file = runDir.resolve("suite.properties");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("./liveloop up did not write " + file, e);
        }
    }

    private static void copyLines(java.io.InputStream in, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[liveloop] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("(reading the CLI's output failed: ").append(e).append(")\n");
            }
        }
    }

    private static Path findRepositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("liveloop")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no ./liveloop found in " + dir + " or a parent directory");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs and finds the suite closed
        }
    }

    /** What one CLI command did. */
    public record CliResult(String command, int exitCode, String output) {
        /** Throws with the CLI's whole output when the command did not exit 0. */
        public CliResult orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit status " + exitCode
                        + "; its output:\n" + output);
            }
            return this;
        }
    }
}
