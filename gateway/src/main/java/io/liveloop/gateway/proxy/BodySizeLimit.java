package io.liveloop.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body without Content-Length (chunked) passed on as it arrives, until it grows past the limit: then the
 * stream fails, the proxy resets the upstream request, and the client is answered 413. The rest of the body is
 * read and dropped so the connection does not stall.
 */
final class BodySizeLimit implements ReadStream<Buffer> {

    /** Marks the failure so that it is answered 413 rather than 502. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private long seenBytes;
    private boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    BodySizeLimit(ReadStream<Buffer> source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seenBytes += chunk.length();
            if (seenBytes <= maxBytes) {
                handler.handle(chunk);
                return;
            }
            exceeded = true;
            source.resume();
            if (exceptionHandler != null) {
                exceptionHandler.handle(new BodyTooLargeException());
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (!exceeded) {
            source.pause();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
