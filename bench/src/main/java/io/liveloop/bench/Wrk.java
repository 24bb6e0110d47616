package io.liveloop.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * wrk (Debian's package), a fixed number of keep-alive connections each sending its next request as soon as the
 * previous one is answered, for a fixed time. {@code wrk/bench.lua} builds the requests and prints the summary as one
 * JSON line; latencies are wrk's own, in microseconds.
 */
final class Wrk {

    record Result(String label, int connections, double seconds, long requests, long non2xx, long socketErrors,
                  double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double maxMs) {

        double perSecond() {
            return requests / seconds;
        }

        /** Requests answered 2xx/3xx per second. */
        double okPerSecond() {
            return (requests - non2xx) / seconds;
        }

        Map<String, Object> asMap() {
            return Map.ofEntries(Map.entry("connections", connections), Map.entry("seconds", seconds),
                    Map.entry("requests", requests), Map.entry("non2xx3xx", non2xx), Map.entry("socketErrors", socketErrors),
                    Map.entry("perSecond", perSecond()), Map.entry("meanMs", meanMs), Map.entry("p50Ms", p50Ms),
                    Map.entry("p90Ms", p90Ms), Map.entry("p95Ms", p95Ms), Map.entry("p99Ms", p99Ms), Map.entry("maxMs", maxMs));
        }
    }

    private final Path script;

    Wrk(Path workDir) {
        this.script = workDir.resolve("bench.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk/bench.lua")) {
            Files.createDirectories(workDir);
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs wrk against {@code url}; {@code scriptArgs} select the request (see bench.lua). The sampler, when given,
     * watches wrk's own CPU as "load generator".
     */
    Result run(String label, String url, int connections, int seconds, List<String> headers, List<String> scriptArgs,
               ProcessSampler sampler) {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(2, connections)),
                "-c", Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "-s", script.toString()));
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        cmd.add(url);
        cmd.add("--");
        cmd.addAll(scriptArgs);
        Out.step("wrk", label + ": " + connections + " connections, " + seconds + " s, " + url);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (sampler != null) {
                sampler.watch("load generator (wrk)", p.pid());
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            String line = out.lines().filter(l -> l.startsWith("WRK_JSON ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk printed no summary:\n" + out));
            JsonNode j = Api.JSON.readTree(line.substring("WRK_JSON ".length()));
            Result r = new Result(label, connections, j.path("durationUs").asLong() / 1e6, j.path("requests").asLong(),
                    j.path("non2xx3xx").asLong(), j.path("connectErrors").asLong() + j.path("readErrors").asLong()
                    + j.path("writeErrors").asLong() + j.path("timeouts").asLong(),
                    j.path("latencyMeanUs").asDouble() / 1000, j.path("latencyP50Us").asDouble() / 1000,
                    j.path("latencyP90Us").asDouble() / 1000, j.path("latencyP95Us").asDouble() / 1000,
                    j.path("latencyP99Us").asDouble() / 1000, j.path("latencyMaxUs").asDouble() / 1000);
            Out.step("wrk", label + ": " + Report.num(r.perSecond(), 0) + " req/s, p50 " + Report.ms(r.p50Ms()) + ", p99 "
                    + Report.ms(r.p99Ms()) + (r.non2xx() > 0 ? ", " + r.non2xx() + " not 2xx" : "")
                    + (r.socketErrors() > 0 ? ", " + r.socketErrors() + " socket errors" : ""));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run wrk (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
