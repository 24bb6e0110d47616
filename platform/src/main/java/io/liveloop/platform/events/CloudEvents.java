package io.liveloop.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes the structured-mode JSON of {@link CloudEvent}s with the application's ObjectMapper. */
@ApplicationScoped
public class CloudEvents {

    private static final TypeReference<CloudEvent<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public CloudEvents(ObjectMapper json) {
        this.json = json;
    }

    public String write(CloudEvent<?> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be written as JSON", e);
        }
    }

    /** The envelope with {@code data} left as a tree; a consumer maps it to its own record with {@link #data}. */
    public CloudEvent<JsonNode> read(String value) {
        try {
            CloudEvent<JsonNode> event = json.readValue(value, ENVELOPE);
            if (event.id() == null || event.type() == null || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
                throw new IllegalArgumentException("not a CloudEvents 1.0 envelope: " + abbreviate(value));
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON CloudEvent: " + abbreviate(value), e);
        }
    }

    public <T> T data(CloudEvent<JsonNode> event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.id() + " (" + event.type() + ") has data that is not a "
                    + type.getSimpleName(), e);
        }
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }
}
