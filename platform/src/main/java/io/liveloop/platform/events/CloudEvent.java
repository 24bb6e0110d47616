package io.liveloop.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope every LiveLoop event travels in.
 * {@code subject} is the aggregate id, which is also the Kafka record key.
 *
 * @param <T> the type of {@code data}: a producer's record when writing, a {@code JsonNode} when reading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"specversion", "id", "type", "source", "time", "subject", "datacontenttype", "data"})
public record CloudEvent<T>(String specversion, String id, String type, String source, Instant time,
                            String subject, String datacontenttype, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event with a fresh id, stamped now (milliseconds are plenty and keep the JSON short). */
    public static <T> CloudEvent<T> of(String type, String source, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), type, source,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), subject, "application/json", data);
    }
}
