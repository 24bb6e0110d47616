package io.liveloop.tools.partner;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The partner simulator as its own process ({@code liveloop-tools.jar partner-simulator}), as {@code ./liveloop up}
 * runs it: the webhook receiver plus the control API on one port, the partner id and secret read from the
 * credentials file (and read again whenever the file changes, so a later {@code ./liveloop seed} takes effect
 * without a restart). It logs one line per webhook and runs until it is stopped.
 */
public final class StandalonePartner {

    private final PartnerSimulator simulator;
    private final Path credentialsFile;
    private final ObjectMapper json = new ObjectMapper();
    private volatile FileTime loaded;

    private StandalonePartner(PartnerSimulator simulator, Path credentialsFile) {
        this.simulator = simulator;
        this.credentialsFile = credentialsFile;
    }

    /** Starts and blocks until the process is told to stop. */
    public static void run(String host, int port, String gateway, Path credentialsFile, Duration autoTrack) throws InterruptedException {
        PartnerSimulator simulator = PartnerSimulator.start(host, port).useGateway(gateway)
                .logTo(line -> System.out.println(Instant.now() + " " + line));
        StandalonePartner partner = new StandalonePartner(simulator, credentialsFile);
        PartnerControlApi.install(simulator, partner::reload);
        partner.reload();
        if (autoTrack != null) {
            simulator.autoTrack(autoTrack);
        }
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partner-credentials-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(partner::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "partner-simulator-stop"));
        System.out.println(Instant.now() + " partner simulator listening on " + simulator.baseUrl()
                + " (webhooks at " + simulator.url() + ", control API at " + simulator.baseUrl() + "/partner); "
                + "tracking goes to " + gateway);
        stopped.await();
    }

    private void reloadIfChanged() {
        try {
            FileTime modified = Files.isRegularFile(credentialsFile) ? Files.getLastModifiedTime(credentialsFile) : null;
            if (modified != null && !modified.equals(loaded)) {
                reload();
            }
        } catch (java.io.IOException | RuntimeException e) {
            System.out.println(Instant.now() + " cannot read " + credentialsFile + ": " + e.getMessage());
        }
    }

    private synchronized void reload() {
        try {
            loaded = Files.isRegularFile(credentialsFile) ? Files.getLastModifiedTime(credentialsFile) : null;
        } catch (java.io.IOException e) {
            loaded = null;
        }
        Optional<PartnerCredentials> credentials = PartnerCredentials.read(credentialsFile, json);
        if (credentials.isEmpty()) {
            System.out.println(Instant.now() + " no partner credentials in " + credentialsFile
                    + " yet (./liveloop seed writes them); refusing webhooks until then");
            return;
        }
        PartnerCredentials c = credentials.get();
        simulator.usePartner(c.partnerId()).useSecret(c.signingSecret());
        System.out.println(Instant.now() + " acting as partner " + c.partnerId()
                + (c.name() == null ? "" : " (" + c.name() + ")") + " with the secret from " + credentialsFile);
    }
}
