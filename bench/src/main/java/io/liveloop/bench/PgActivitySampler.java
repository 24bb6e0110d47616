package io.liveloop.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the database time of the services' connections goes: every period, what each connection of the suite's
 * databases is doing according to {@code pg_stat_activity} (running, waiting for a row lock, flushing the WAL at
 * commit, or idle in a transaction while the service works). Counted per database; a connection that is idle
 * outside a transaction is not counted.
 */
final class PgActivitySampler implements AutoCloseable {

    private final Pg pg;
    private final String dbPrefix;
    private final long periodMillis;
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final AtomicLong rounds = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    PgActivitySampler(Pg pg, String dbPrefix, long periodMillis) {
        this.pg = pg;
        this.dbPrefix = dbPrefix;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "pg-activity-sampler");
        this.thread.setDaemon(true);
    }

    PgActivitySampler start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per database: state → share of the busy connection samples, plus the mean number of busy connections. */
    Map<String, Object> summary() {
        Map<String, Object> out = new TreeMap<>();
        long n = Math.max(1, rounds.get());
        counts.forEach((db, states) -> {
            long busy = states.values().stream().mapToLong(AtomicLong::get).sum();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meanBusyConnections", Math.round(100.0 * busy / n) / 100.0);
            states.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, AtomicLong> e) -> e.getValue().get()).reversed())
                    .forEach(e -> m.put(e.getKey(), Math.round(1000.0 * e.getValue().get() / busy) / 10.0));
            out.put(db, m);
        });
        return out;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        summary().forEach((db, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) value;
            md.append("- `").append(db).append("`: ").append(m.get("meanBusyConnections")).append(" busy connections on average; ");
            StringBuilder parts = new StringBuilder();
            m.forEach((k, v) -> {
                if (!"meanBusyConnections".equals(k)) {
                    parts.append(parts.isEmpty() ? "" : ", ").append(k).append(" ").append(v).append(" %");
                }
            });
            md.append(parts).append("\n");
        });
        return md.isEmpty() ? "- (no busy connection seen)\n" : md.toString();
    }

    private void loop() {
        try (Connection c = pg.connect("postgres");
             PreparedStatement st = c.prepareStatement("""
                     select datname, state, coalesce(wait_event_type, ''), coalesce(wait_event, '')
                     from pg_stat_activity
                     where backend_type = 'client backend' and datname like ? and pid <> pg_backend_pid()
                       and state is not null and state <> 'idle'""")) {
            st.setString(1, dbPrefix.replace("_", "\\_") + "%");
            while (running) {
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String key = describe(rs.getString(2), rs.getString(3), rs.getString(4));
                        counts.computeIfAbsent(rs.getString(1), d -> new ConcurrentHashMap<>())
                                .computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    }
                }
                rounds.incrementAndGet();
                Thread.sleep(periodMillis);
            }
        } catch (SQLException e) {
            System.err.println("pg_stat_activity sampling stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(String state, String waitType, String wait) {
        if ("active".equals(state)) {
            return waitType.isEmpty() ? "running" : "waiting " + waitType + ":" + wait;
        }
        if (state.startsWith("idle in transaction")) {
            return "idle in transaction (the service is working)";
        }
        return state;
    }
}
