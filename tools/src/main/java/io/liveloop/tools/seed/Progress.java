package io.liveloop.tools.seed;

import java.io.PrintStream;

/**
 * One line per step, in the CLI's own format ({@code step_begin}/{@code step_ok} in {@code ./liveloop}): name, seconds,
 * ok / skip / FAILED, detail. Colours only on a terminal, and never with {@code NO_COLOR}.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean color;
    private String name = "";
    private long started;

    public Progress(PrintStream out) {
        this.out = out;
        this.color = System.console() != null && System.getenv("NO_COLOR") == null;
    }

    public void begin(String step) {
        this.name = step;
        this.started = System.nanoTime();
    }

    public void ok(String detail) {
        line("ok", "\u001b[32m", detail);
    }

    public void skip(String detail) {
        line("skip", "\u001b[2m", detail);
    }

    public void fail(String detail) {
        line("FAILED", "\u001b[31m", detail);
    }

    public void say(String text) {
        out.println(text);
        out.flush();
    }

    private void line(String status, String colour, String detail) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf("  %-20s %4ss  %s%-6s%s %s%n", name, seconds, color ? colour : "", status, color ? "\u001b[0m" : "", detail);
        out.flush();
    }
}
