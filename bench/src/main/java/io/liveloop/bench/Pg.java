package io.liveloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The suite's PostgreSQL server as the benches use it: as the superuser (LIVELOOP_PG_SUPERUSER, PGPASSWORD), to read
 * what the services wrote (the oversold check, the loop's timestamps) and to run the pgbench baseline on a scratch
 * database. Benches never write to a service's database.
 */
final class Pg {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    Pg(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        this.host = hostPort.substring(0, colon);
        this.port = Integer.parseInt(hostPort.substring(colon + 1));
        this.user = envOr("LIVELOOP_PG_SUPERUSER", "postgres");
        this.password = System.getenv("PGPASSWORD");
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "liveloop-bench");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    /** The rows of a query, each as an array of its columns. */
    List<Object[]> rows(String database, String sql, Object... params) {
        try (Connection c = connect(database); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query on " + database + " failed: " + sql, e);
        }
    }

    long number(String database, String sql, Object... params) {
        Object value = rows(database, sql, params).get(0)[0];
        return value == null ? 0 : ((Number) value).longValue();
    }

    void execute(String database, String... statements) {
        try (Connection c = connect(database); var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement on " + database + " failed: " + String.join("; ", statements), e);
        }
    }

    String version() {
        try {
            return (String) rows("postgres", "show server_version").get(0)[0];
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** Connections still free on the server (max_connections minus those open, minus the superuser reserve). */
    long freeConnections() {
        long max = Long.parseLong((String) rows("postgres", "show max_connections").get(0)[0]);
        long reserved = Long.parseLong((String) rows("postgres", "show superuser_reserved_connections").get(0)[0]);
        return max - reserved - number("postgres", "select count(*) from pg_stat_activity where backend_type = 'client backend'");
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
