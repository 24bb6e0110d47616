package io.liveloop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs one Gatling simulation in a JVM of its own (Gatling's launcher, {@code io.gatling.app.Gatling}, on this
 * harness's classpath), so that the load generator's heap and threads are not the harness's. Parameters go in as
 * system properties ({@code bench.*}); the simulation writes what it measured to the file named by
 * {@code bench.out}. Gatling's own output goes to a log; lines a simulation prints with {@link #PROGRESS} are shown.
 */
final class GatlingRun {

    static final String PROGRESS = "[bench] ";

    private GatlingRun() {
    }

    static Path run(Class<?> simulation, Map<String, String> properties, Path workDir, String heap, ProcessSampler sampler) {
        Path out = workDir.resolve(simulation.getSimpleName() + "-result.txt");
        Path log = workDir.resolve(simulation.getSimpleName() + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap, "-Xmx" + heap, "-XX:+UseParallelGC", "-Dbench.out=" + out));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "--simulation", simulation.getName(), "--results-folder", workDir.resolve("gatling").toString(), "--no-reports"));
        Out.step("gatling", simulation.getSimpleName() + " (log: " + log + ")");
        Deque<String> tail = new ArrayDeque<>();
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(out);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (sampler != null) {
                sampler.watch("load generator (Gatling)", p.pid());
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    writer.println(line);
                    if (line.startsWith(PROGRESS)) {
                        Out.step("gatling", line.substring(PROGRESS.length()));
                    }
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
            }
            int exit = p.waitFor();
            if (exit != 0 || !Files.isRegularFile(out)) {
                throw new IllegalStateException("Gatling " + simulation.getSimpleName() + " failed (exit " + exit
                        + "); last lines of " + log + ":\n" + String.join("\n", tail));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
