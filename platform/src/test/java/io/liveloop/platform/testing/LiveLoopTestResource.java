package io.liveloop.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * What a LiveLoop service needs to run under test, all real: a fresh PostgreSQL database (dropped afterwards),
 * this JVM's Kafka broker with the topics, and JWT verification against {@link TestTokens}' key. Use it with
 * {@code @QuarkusTestResource(value = LiveLoopTestResource.class, initArgs = @ResourceArg(name = "database",
 * value = "catalog"))}; the arg only names the database. Pass {@code kafka=false} or {@code database=}(empty)
 * for an application that needs neither.
 */
public class LiveLoopTestResource implements QuarkusTestResourceLifecycleManager {

    private String databaseHint = "app";
    private boolean kafka = true;
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        databaseHint = initArgs.getOrDefault("database", databaseHint);
        kafka = Boolean.parseBoolean(initArgs.getOrDefault("kafka", "true"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (!databaseHint.isEmpty()) {
            database = TestDatabase.create(databaseHint);
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            config.put("quarkus.datasource.username", TestDatabase.username());
            config.put("quarkus.datasource.password", TestDatabase.password());
        }
        if (kafka) {
            config.put("kafka.bootstrap.servers", KafkaBroker.shared());
        }
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
        }
    }
}
