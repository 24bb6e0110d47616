package io.liveloop.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bench's command-line options, {@code --name=value} (or {@code --name value}; a bare {@code --flag} is true).
 * Each bench says which names it knows, so that a mistyped option fails before a suite is started; the values a run
 * used are kept for its report.
 */
final class Options {

    private final Map<String, String> given;
    private final Map<String, String> used = new TreeMap<>();

    private Options(Map<String, String> given) {
        this.given = given;
    }

    static Options parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                given.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                given.put(body, args.get(++i));
            } else {
                given.put(body, "true");
            }
        }
        return new Options(given);
    }

    /** Fails on an option none of {@code known} names (nor one of the options every bench takes). */
    Options requireKnown(String bench, List<String> known) {
        for (String name : given.keySet()) {
            if (!known.contains(name) && !Bench.COMMON_OPTIONS.contains(name)) {
                throw new IllegalArgumentException("bench " + bench + " has no option --" + name + "; it takes --"
                        + String.join(", --", known) + " and --" + String.join(", --", Bench.COMMON_OPTIONS));
            }
        }
        return this;
    }

    /** A positive whole number. */
    int integer(String name, int fallback) {
        return whole(name, fallback, 1, "positive");
    }

    /** A number of things, where none is a meaningful choice (e.g. no warm-up). */
    int count(String name, int fallback) {
        return whole(name, fallback, 0, "0 or more");
    }

    private int whole(String name, int fallback, int min, String what) {
        String value = given.get(name);
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.strip().replace("_", ""));
            if (parsed < min) {
                throw new IllegalArgumentException("--" + name + " must be " + what + ", got " + value);
            }
            used.put(name, Integer.toString(parsed));
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    double decimal(String name, double fallback) {
        String value = given.get(name);
        try {
            double parsed = value == null ? fallback : Double.parseDouble(value.strip());
            if (!(parsed > 0)) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
            }
            used.put(name, Double.toString(parsed));
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'");
        }
    }

    boolean flag(String name, boolean fallback) {
        String value = given.get(name);
        boolean parsed = value == null ? fallback : switch (value.strip().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + value + "'");
        };
        used.put(name, Boolean.toString(parsed));
        return parsed;
    }

    String text(String name, String fallback) {
        String value = given.getOrDefault(name, fallback);
        used.put(name, value);
        return value;
    }

    /** The values this run used (given or default), for its report. */
    Map<String, String> used() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(used));
    }
}
