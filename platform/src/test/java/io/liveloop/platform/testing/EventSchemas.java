package io.liveloop.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an emitted event against the contracts: the CloudEvents envelope against
 * {@code contracts/cloudevent.schema.json}, its {@code data} against {@code contracts/<topic>/<type>.schema.json}.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** Fails with every violation listed unless {@code eventJson}, published on {@code topic}, fits its contract. */
    public static void assertValid(String topic, String eventJson) {
        JsonNode event = read(eventJson);
        String type = event.path("type").asText();
        Path contracts = contractsDirectory();
        String problems = violations(contracts.resolve("cloudevent.schema.json"), event, "envelope")
                + violations(contracts.resolve(topic).resolve(type + ".schema.json"), event.path("data"), "data");
        if (!problems.isEmpty()) {
            throw new AssertionError("event " + type + " on " + topic + " breaks its contract:" + problems
                    + "\nevent: " + eventJson);
        }
    }

    /** The repository's {@code contracts/} folder, found from the module the tests run in. */
    public static Path contractsDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("contracts"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no contracts/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("contracts");
    }

    private static String violations(Path schemaFile, JsonNode node, String part) {
        if (!Files.isRegularFile(schemaFile)) {
            return "\n - " + part + ": no schema at " + schemaFile + " (every emitted event type needs one)";
        }
        try (InputStream in = Files.newInputStream(schemaFile)) {
            JsonSchema schema = FACTORY.getSchema(in);
            Set<ValidationMessage> messages = schema.validate(node);
            return messages.stream().map(m -> "\n - " + part + ": " + m.getMessage()).collect(Collectors.joining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("event is not JSON: " + json, e);
        }
    }
}
