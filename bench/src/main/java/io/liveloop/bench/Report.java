package io.liveloop.bench;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one bench run found: a table of figures, each with its baseline or target, printed and written to
 * {@code bench-results/<bench>-<time>.md} and {@code .json}; the JSON also carries every number under
 * {@code results} and the profile of the run, the Markdown the profile's sections.
 */
final class Report {

    record Row(String figure, String value, String against) {
    }

    private final String bench;
    private final String title;
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> profile = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();
    private Map<String, String> parameters = Map.of();
    private String command = "";

    Report(String bench, String title) {
        this.bench = bench;
        this.title = title;
    }

    Report parameters(Map<String, String> used, String command) {
        this.parameters = used;
        this.command = command;
        return this;
    }

    /** A row of the table; {@code against} is the baseline or target it is read against (may be empty). */
    Report row(String figure, String value, String against) {
        rows.add(new Row(figure, value, against == null ? "" : against));
        return this;
    }

    /** A number (or text) for the JSON's {@code results}. */
    Report result(String key, Object value) {
        results.put(key, value instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : value);
        return this;
    }

    Report profile(String key, Object value) {
        profile.put(key, value);
        return this;
    }

    /** A Markdown section (a heading and text) after the table: where the time went, checks, notes. */
    Report section(String markdown) {
        sections.add(markdown.strip());
        return this;
    }

    void print() {
        int w1 = "figure".length();
        int w2 = "value".length();
        for (Row r : rows) {
            w1 = Math.max(w1, r.figure().length());
            w2 = Math.max(w2, r.value().length());
        }
        String format = "  %-" + w1 + "s  %" + w2 + "s  %s%n";
        System.out.println();
        System.out.println("  " + title);
        System.out.printf(format, "figure", "value", "baseline / target");
        System.out.printf(format, "-".repeat(w1), "-".repeat(w2), "-".repeat(17));
        for (Row r : rows) {
            System.out.printf(format, r.figure(), r.value(), r.against());
        }
        System.out.println();
    }

    /** Writes the Markdown and the JSON; answers the Markdown file. */
    Path write(Path directory, Machine machine) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path md = directory.resolve(bench + "-" + stamp + ".md");
        Path json = directory.resolve(bench + "-" + stamp + ".json");
        try {
            Files.createDirectories(directory);
            Files.writeString(md, markdown(machine));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bench", bench);
            doc.put("title", title);
            doc.put("startedAt", started.toString());
            doc.put("command", command);
            doc.put("machine", machine.asMap());
            doc.put("parameters", parameters);
            doc.put("results", results);
            List<Map<String, String>> table = new ArrayList<>();
            for (Row r : rows) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("figure", r.figure());
                row.put("value", r.value());
                row.put("against", r.against());
                table.add(row);
            }
            doc.put("table", table);
            doc.put("profile", profile);
            Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return md;
    }

    private String markdown(Machine machine) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Run ").append(started).append(" on ").append(machine.oneLine()).append(".\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| figure | value | baseline / target |\n|---|---:|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.figure()).append(" | ").append(r.value()).append(" | ").append(r.against()).append(" |\n");
        }
        md.append("\nParameters: ");
        List<String> p = new ArrayList<>();
        parameters.forEach((k, v) -> p.add("`--" + k + "=" + v + "`"));
        md.append(String.join(", ", p)).append("\n");
        for (String s : sections) {
            md.append("\n").append(s).append("\n");
        }
        return md.toString();
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%,.0f ms", millis);
    }
}
