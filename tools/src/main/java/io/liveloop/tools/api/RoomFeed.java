package io.liveloop.tools.api;

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
import java.util.concurrent.CompletableFuture;

/** A viewer's connection to a session's SSE feed, read in the background (the demo shows it, e2e tests wait on it). */
public final class RoomFeed implements AutoCloseable {

    /** One server-sent event: its name and its data line. */
    public record Event(String name, String data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;

    private RoomFeed(CompletableFuture<HttpResponse<InputStream>> response) {
        this.response = response;
    }

    /** Opens the feed at {@code url} as the holder of {@code bearerToken} (the token alone, without "Bearer "). */
    public static RoomFeed open(String url, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "text/event-stream").GET().build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        RoomFeed feed = new RoomFeed(client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        feed.response.thenAccept(feed::read);
        return feed;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    private void read(HttpResponse<InputStream> r) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String name = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:") && name != null) {
                    synchronized (this) {
                        events.add(new Event(name, line.substring(5).strip()));
                    }
                } else if (line.isEmpty()) {
                    name = null;
                }
            }
        } catch (IOException closed) {
            // the demo closed the connection
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // closed already
            }
        });
        response.cancel(true);
    }
}
