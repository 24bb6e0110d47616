package io.liveloop.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/** Reads and writes the structured-mode JSON of {@link CloudEvent}s with the application's ObjectMapper. */
@ApplicationScoped
public class CloudEvents {

    private static final TypeReference<CloudEvent<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private static final Logger LOG = Logger.getLogger(CloudEvents.class);

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

    /**
     * A consumed record as an event, or empty when it is not a CloudEvent at all: such a record can never be
     * handled, so it is logged loudly and skipped rather than allowed to stop its partition.
     */
    public Optional<CloudEvent<JsonNode>> readRecord(String value, String topic) {
        try {
            return Optional.of(read(value));
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping a record on %s that is not a CloudEvent: %s", topic, e.getMessage());
            return Optional.empty();
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
