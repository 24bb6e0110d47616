package io.liveloop.gateway.proxy;

import io.liveloop.gateway.FeedServer;
import io.liveloop.gateway.Upstreams;
import io.liveloop.platform.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room feed through the gateway, read off a raw socket so that nothing on the client side buffers: each event
 * must arrive when the service sends it, the stream must outlive the live route's 1 s timeout, and a viewer who
 * leaves must close the gateway's connection to the service.
 */
@QuarkusTest
class FeedStreamingTest {

    private static final String VIEWER = TestTokens.bearer(UUID.randomUUID(), "BUYER");

    @TestHTTPResource("/")
    URL gateway;

    Upstreams upstreams;

    @BeforeEach
    void reset() {
        upstreams.resetAll();
    }

    @Test
    void eventsArriveAsTheyAreSentNotAtTheEnd() throws Exception {
        try (Socket socket = open("/api/live/sessions/s1/feed", "Last-Event-ID: 41\r\n")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            long started = System.nanoTime();
            String status = reader.readLine();
            assertThat(status).contains(" 200 ");
            List<Long> arrivals = new ArrayList<>();
            List<String> data = new ArrayList<>();
            boolean eventStream = false;
            for (String line; (line = reader.readLine()) != null && data.size() < 3; ) {
                if (line.toLowerCase().startsWith("content-type: text/event-stream")) {
                    eventStream = true;
                }
                if (line.startsWith("data: ")) {
                    arrivals.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    data.add(line.substring(6));
                }
            }
            assertThat(eventStream).isTrue();
            assertThat(data).hasSize(3);
            assertThat(data.get(0)).contains("\"lastEventId\":\"41\"");
            assertThat(data.get(2)).contains("\"n\":3");
            // first event long before the last was sent (2.4 s), each about one gap after the previous
            assertThat(arrivals.get(0)).isLessThan(FeedServer.EVENT_GAP_MILLIS - 200);
            assertThat(arrivals.get(1) - arrivals.get(0)).isBetween(FeedServer.EVENT_GAP_MILLIS - 400, FeedServer.EVENT_GAP_MILLIS + 1000);
            assertThat(arrivals.get(2)).isGreaterThan(2 * FeedServer.EVENT_GAP_MILLIS - 400);
        }
    }

    @Test
    void aViewerLeavingClosesTheConnectionToTheService() throws Exception {
        try (Socket socket = open("/api/live/sessions/endless/feed", "")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int events = 0;
            for (String line; events < 2 && (line = reader.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    events++;
                }
            }
            assertThat(events).isEqualTo(2);
            assertThat(upstreams.livestream().feedClosed()).isNotDone();
        }
        upstreams.livestream().feedClosed().get(5, TimeUnit.SECONDS);
    }

    private Socket open(String path, String extraHeaders) throws Exception {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n"
                + "Accept: text/event-stream\r\nAuthorization: " + VIEWER + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
