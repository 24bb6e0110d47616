package io.liveloop.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.tools.api.LiveLoopApi;
import io.liveloop.tools.demo.Demo;
import io.liveloop.tools.partner.StandalonePartner;
import io.liveloop.tools.seed.Progress;
import io.liveloop.tools.seed.Seeder;
import io.liveloop.tools.seed.Seeds;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools {@code ./liveloop} runs besides the services (it passes the suite's URLs and directories):
 *
 * <pre>
 * seed              --gateway URL --partner URL --run-dir DIR [--seeds DIR] [--if-empty]
 * demo              --gateway URL --partner URL --run-dir DIR [--seeds DIR]
 * partner-simulator --port N --gateway URL --credentials FILE [--host 127.0.0.1] [--auto-track SECONDS]
 * </pre>
 *
 * {@code --partner} is the partner simulator's base URL: LiveLoop's webhooks go to {@code <partner>/webhooks}, its
 * control API is {@code <partner>/partner}.
 */
public final class Main {

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "seed", Set.of("gateway", "partner", "run-dir", "seeds", "if-empty"),
            "demo", Set.of("gateway", "partner", "run-dir", "seeds"),
            "partner-simulator", Set.of("port", "host", "gateway", "credentials", "auto-track"));

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length == 0 || !OPTIONS.containsKey(args[0])) {
            System.err.println("usage: liveloop-tools (seed | demo | partner-simulator) [--option value]...  (see ./liveloop help)");
            System.exit(2);
        }
        Map<String, String> options;
        try {
            options = options(args[0], List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            switch (args[0]) {
                case "seed" -> seed(options, json, out);
                case "demo" -> demo(options, json, out);
                default -> StandalonePartner.run(options.getOrDefault("host", "127.0.0.1"), Integer.parseInt(required(options, "port")),
                        required(options, "gateway"), Path.of(required(options, "credentials")),
                        options.containsKey("auto-track") ? Duration.ofSeconds(Long.parseLong(options.get("auto-track"))) : null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        } catch (SeedFailed e) {
            System.exit(1);
        } catch (RuntimeException e) {
            out.println();
            out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void seed(Map<String, String> options, ObjectMapper json, PrintStream out) {
        Progress progress = new Progress(out);
        LiveLoopApi api = new LiveLoopApi(required(options, "gateway"), json);
        Path seedsDir = Path.of(options.getOrDefault("seeds", "seeds"));
        if (options.containsKey("if-empty")) {
            progress.begin("seed");
            if (!Seeder.catalogIsEmpty(api)) {
                progress.skip("the catalog has products already (./liveloop seed loads the seeds anyway)");
                return;
            }
        }
        long started = System.nanoTime();
        Seeds seeds = Seeds.load(seedsDir, json);
        Seeder seeder = new Seeder(api, seeds, Path.of(required(options, "run-dir")), webhookUrl(options), progress);
        Seeder.Tally tally;
        try {
            tally = seeder.run();
        } catch (RuntimeException e) {
            progress.fail(e.getMessage());
            throw new SeedFailed(e);
        }
        out.printf("  seeded in %ds from %s: %d created, %d already there; %s%n",
                (System.nanoTime() - started) / 1_000_000_000L, shown(seedsDir), tally.created(), tally.found(),
                tally.describe("partners", "shops", "products", "host authorisations", "rooms", "sessions", "pins"));
    }

    private static void demo(Map<String, String> options, ObjectMapper json, PrintStream out) {
        LiveLoopApi api = new LiveLoopApi(required(options, "gateway"), json);
        Seeds.PartnerSeed partnerSeed = Seeds.load(Path.of(options.getOrDefault("seeds", "seeds")), json).partner();
        String partner = required(options, "partner");
        new Demo(api, partner, webhookUrl(options), partnerSeed, Path.of(required(options, "run-dir")), out).run();
    }

    /** A path as the CLI shows it: relative to the current directory when it is inside it. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) + "/" : absolute.toString();
    }

    private static String webhookUrl(Map<String, String> options) {
        String partner = required(options, "partner");
        return (partner.endsWith("/") ? partner.substring(0, partner.length() - 1) : partner) + "/webhooks";
    }

    private static Map<String, String> options(String command, List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !OPTIONS.get(command).contains(arg.substring(2))) {
                throw new IllegalArgumentException(command + ": unknown option '" + arg + "' (" + OPTIONS.get(command) + ")");
            }
            String name = arg.substring(2);
            if ("if-empty".equals(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException(command + ": --" + name + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** A seed step failed; its step line already said why. */
    private static final class SeedFailed extends RuntimeException {
        SeedFailed(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
