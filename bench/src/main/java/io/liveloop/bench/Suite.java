package io.liveloop.bench;

import io.liveloop.platform.webhooks.WebhookSecret;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The suite a bench measures, started and stopped by the developer CLI itself ({@code ./liveloop up},
 * {@code ./liveloop down --purge}), never by a copy of its start-up logic. Its run directory, port offset and
 * database prefix come from the environment {@code ./liveloop bench} gives this process (a suite of its own,
 * beside any other); on top of that the gateway's rate limits are off and the sandbox payment provider signs with a
 * secret this harness knows, so that the loop bench can play the provider.
 */
final class Suite implements AutoCloseable {

    static final List<String> SERVICES =
            List.of("catalog-service", "order-service", "livestream-service", "fulfillment-service", "gateway");

    private final Path root;
    private final Path runDir;
    private final Map<String, String> env;
    private final boolean keep;
    private final Path keepLogsIn;
    private final WebhookSecret paymentSecret;
    private final Properties properties = new Properties();

    private Suite(Path root, boolean keep, Path keepLogsIn) {
        this.root = root;
        this.keep = keep;
        this.keepLogsIn = keepLogsIn;
        this.runDir = Path.of(requireEnv("LIVELOOP_RUN_DIR")).toAbsolutePath().normalize();
        this.paymentSecret = WebhookSecret.generate();
        this.env = new LinkedHashMap<>();
        env.put("LIVELOOP_RATE_LIMITS", "false");
        env.put("LIVELOOP_SEED", "0"); // no demo data: each bench sets up what it needs through the API
        env.put("ORDER_SANDBOX_WEBHOOK_SECRET", paymentSecret.value());
    }

    /**
     * {@code down --purge} of whatever an earlier run left, then {@code up}: every bench starts from a clean suite.
     * When it stops, the services' logs are copied to {@code keepLogsIn} first.
     */
    static Suite startClean(Path root, boolean keep, Path keepLogsIn) {
        Suite suite = new Suite(root, keep, keepLogsIn);
        Out.step("suite", "clean start in " + suite.runDir + " (port offset " + System.getenv("LIVELOOP_PORT_OFFSET")
                + ", databases " + System.getenv("LIVELOOP_DB_PREFIX") + "*)");
        suite.cli(false, "down", "--purge").orFail("./liveloop down --purge");
        try {
            suite.up();
        } catch (RuntimeException e) {
            suite.close(); // what did start (the broker, some services) must not outlive the failed start
            throw e;
        }
        return suite;
    }

    /** {@code ./liveloop up}; answers its output (one line per step, with seconds). */
    String up() {
        String output = cli(true, "up").orFail("./liveloop up").output();
        loadProperties();
        return output;
    }

    /** {@code ./liveloop down} (data kept). */
    void down() {
        cli(true, "down").orFail("./liveloop down");
    }

    String url(String service) {
        String url = properties.getProperty(service + ".url");
        if (url == null) {
            throw new IllegalArgumentException("no " + service + " in " + runDir.resolve("suite.properties"));
        }
        return url;
    }

    String database(String service) {
        return properties.getProperty(service + ".database");
    }

    /** host:port of the suite's PostgreSQL server. */
    String postgresql() {
        return properties.getProperty("postgresql");
    }

    WebhookSecret paymentSecret() {
        return paymentSecret;
    }

    /** The PID of a running component ({@code kafka} or a service), as the CLI recorded it. */
    Optional<Long> pid(String component) {
        Path file = runDir.resolve("pids").resolve(component + ".pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every service's PID and the broker's, in start order. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pid("kafka").ifPresent(p -> pids.put("kafka", p));
        for (String s : SERVICES) {
            pid(s).ifPresent(p -> pids.put(s, p));
        }
        return pids;
    }

    Path logs() {
        return runDir.resolve("logs");
    }

    @Override
    public void close() {
        if (keep) {
            Out.step("suite", "kept running (--keep); stop it with: LIVELOOP_RUN_DIR=" + runDir + " LIVELOOP_PORT_OFFSET="
                    + System.getenv("LIVELOOP_PORT_OFFSET") + " LIVELOOP_DB_PREFIX=" + System.getenv("LIVELOOP_DB_PREFIX")
                    + " ./liveloop down --purge");
            return;
        }
        Out.step("suite", "stopping and purging (its logs are kept in " + keepLogsIn + ")");
        copyLogs();
        CliResult result = cli(false, "down", "--purge");
        if (result.exitCode() != 0) {
            System.err.println(result.output());
        }
    }

    record CliResult(String command, int exitCode, String output) {
        CliResult orFail(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed with exit status " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private CliResult cli(boolean echo, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("liveloop").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS"); // the bench suite always runs its own broker
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        StringBuilder output = new StringBuilder();
        try {
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (echo) {
                        System.out.println("    | " + line);
                    }
                }
            }
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new CliResult(String.join(" ", args), -1, output + "(timed out)");
            }
            return new CliResult(String.join(" ", args), process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void copyLogs() {
        try (var files = Files.list(logs())) {
            Files.createDirectories(keepLogsIn);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, keepLogsIn.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the suite's logs: " + e.getMessage());
        }
    }

    private void loadProperties() {
        Path file = runDir.resolve("suite.properties");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.clear();
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("./liveloop up did not write " + file, e);
        }
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the benches through ./liveloop bench");
        }
        return value;
    }
}
