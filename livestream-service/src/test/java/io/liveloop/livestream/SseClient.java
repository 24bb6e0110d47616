package io.liveloop.livestream;

import io.liveloop.platform.testing.TestTokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a text/event-stream for real over HTTP, the way a viewer's app does, parsing each event as it arrives. */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Event END = new Event(null, "<end of stream>", null);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static SseClient connect(URI baseUri, String sessionId, UUID viewer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/api/live/sessions/" + sessionId + "/feed"))
                .header("Accept", "text/event-stream")
                .header("Authorization", TestTokens.bearer(viewer, "BUYER"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).as("feed status").isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new SseClient(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event (comments skipped), failing after 20 s. */
    public Event next() {
        try {
            Event event = events.poll(20, TimeUnit.SECONDS);
            assertThat(event).as("an event within 20 s").isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event that is not a {@code viewers} update (those arrive whenever counts change). */
    public Event nextSkippingViewers() {
        Event e = next();
        while ("viewers".equals(e.name())) {
            e = next();
        }
        return e;
    }

    /** Events up to and including the first that matches. */
    public List<Event> until(Predicate<Event> last) {
        List<Event> seen = new ArrayList<>();
        Event e;
        do {
            e = next();
            seen.add(e);
        } while (!last.test(e));
        return seen;
    }

    public boolean ended() {
        return events.peek() == END;
    }

    public int comments() {
        return comments.get();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing is all we want
        }
        reader.interrupt();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || name != null) {
                        events.add(new Event(id, name == null ? "message" : name, data == null ? null : data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the server
        } finally {
            events.add(END);
        }
    }
}
