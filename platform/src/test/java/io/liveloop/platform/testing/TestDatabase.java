package io.liveloop.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run, on the server the CLI uses ({@code LIVELOOP_PG_URL}, host:port,
 * default 127.0.0.1:5432; superuser {@code LIVELOOP_PG_SUPERUSER}, default postgres; {@code PGPASSWORD} if set).
 */
public final class TestDatabase {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String hint) {
        String name = ("lltest_" + hint + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("create database " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + server() + "/" + name;
    }

    public static String username() {
        return env("LIVELOOP_PG_SUPERUSER", "postgres");
    }

    public static String password() {
        return env("PGPASSWORD", "");
    }

    public void drop() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + server() + "/postgres",
                username(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server() + " (LIVELOOP_PG_URL) refused '" + sql
                    + "': " + e.getMessage() + ". Start it, or point LIVELOOP_PG_URL at a server where "
                    + username() + " may create databases.", e);
        }
    }

    private static String server() {
        return env("LIVELOOP_PG_URL", "127.0.0.1:5432");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
