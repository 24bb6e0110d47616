package io.liveloop.fulfillment.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of a partner's response for the attempt record and stops reading there, so a partner
 * that answers with a huge (or endless) body costs us nothing beyond the excerpt.
 */
final class ExcerptSubscriber implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    ExcerptSubscriber(int limitChars) {
        // UTF-8 needs up to 4 bytes a character; the text is cut to the limit at the end.
        this.limit = Math.max(0, limitChars) * 4;
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer buffer : items) {
            int take = Math.min(buffer.remaining(), limit - bytes.size());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.write(chunk, 0, take);
        }
        if (bytes.size() >= limit) {
            subscription.cancel();
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        finish(); // what arrived is still worth keeping
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        int chars = limit / 4;
        body.complete(text.length() > chars ? text.substring(0, chars) : text);
    }
}
