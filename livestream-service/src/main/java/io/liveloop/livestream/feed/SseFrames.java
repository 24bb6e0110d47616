package io.liveloop.livestream.feed;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a text/event-stream frame, encoded once per event and written as they are to every viewer. The
 * buffers are direct and never released by a write (Vert.x writes an unreleasable slice of them), so the same bytes
 * go to the network for each connection without a copy per viewer; the garbage collector frees them once no ring
 * buffer or connection holds them.
 */
public final class SseFrames {

    /** A comment line that keeps idle connections open through proxies. */
    static final Buffer HEARTBEAT = direct(": heartbeat\n\n");

    private SseFrames() {
    }

    /** An event: {@code id}, {@code event} and one {@code data} line per line of {@code data}, then a blank line. */
    public static Buffer event(String id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + name.length() + id.length() + 32);
        frame.append("id: ").append(id).append('\n');
        frame.append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        return direct(frame.toString());
    }

    private static Buffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer memory = ByteBuffer.allocateDirect(bytes.length);
        memory.put(bytes).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(memory));
    }
}
