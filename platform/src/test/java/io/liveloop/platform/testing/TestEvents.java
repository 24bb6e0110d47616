package io.liveloop.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Events as another service would publish them, for tests that feed a consumer: a structured-mode CloudEvent
 * (JSON, {@code data} inline), the envelope {@code contracts/cloudevent.schema.json} describes.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    /** A CloudEvent with a new id; {@code data} is written as JSON (a map, a record, or {@link #json} text). */
    public static String cloudEvent(String type, String source, Object subject, Object data) {
        return cloudEvent(UUID.randomUUID().toString(), type, source, subject, data);
    }

    /** A CloudEvent with the given id: the same event twice is what a redelivery looks like. */
    public static String cloudEvent(String id, String type, String source, Object subject, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("type", type);
        event.put("source", source);
        event.put("time", Instant.now().toString());
        event.put("subject", String.valueOf(subject));
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the event's data as JSON: " + data, e);
        }
    }

    /** JSON text as data of {@link #cloudEvent}, taken as it is. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
