package io.liveloop.e2e;

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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.liveloop.e2e.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A viewer's SSE connection to a live session's feed, read line by line as an app's EventSource would. */
final class RoomFeed implements AutoCloseable {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<HttpResponse<InputStream>> response;

    private RoomFeed(CompletableFuture<HttpResponse<InputStream>> response) {
        this.response = response;
    }

    static RoomFeed open(String gateway, String sessionId, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/live/sessions/" + sessionId + "/feed"))
                .header("Authorization", bearer).header("Accept", "text/event-stream").GET().build();
        RoomFeed feed = new RoomFeed(HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        feed.response.thenAccept(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && event != null) {
                        feed.events.add(event + " " + line.substring(5).strip());
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        return feed;
    }

    /** Waits for an event of this name whose data contains {@code fragment}; returns its data. */
    String await(String event, String fragment) {
        List<String> seen = eventually(() -> List.copyOf(events),
                all -> all.stream().anyMatch(e -> e.startsWith(event + " ") && e.contains(fragment)));
        return seen.stream().filter(e -> e.startsWith(event + " ") && e.contains(fragment)).findFirst().orElseThrow()
                .substring(event.length() + 1);
    }

    @Override
    public void close() {
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // already closed
            }
        });
    }
}
