package io.liveloop.livestream.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.livestream.service.BagService;
import io.liveloop.livestream.service.StockService;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.events.CloudEvents;
import io.liveloop.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Follows catalog: {@code catalog.stock.v1} keeps the stock left of pinned SKUs (and the viewers' {@code stock}
 * events), {@code liveloop.product.delisted} on {@code catalog.products.v1} unpins the product everywhere. Each event
 * has its effect once: a delisting through the inbox, a stock level through its version (a level is a fact to keep,
 * not a change to apply, and stock events are the busiest of all: no inbox row for each). A failure is retried, and
 * if it persists the channel fails rather than skip it.
 */
@ApplicationScoped
public class CatalogEventsConsumer {

    static final String PRODUCTS_CONSUMER = "livestream-products";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StockChanged(UUID skuId, UUID productId, int available, long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProductDelisted(UUID productId) {
    }

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final StockService stock;
    private final BagService bag;

    public CatalogEventsConsumer(CloudEvents cloudEvents, Inbox inbox, StockService stock, BagService bag) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.stock = stock;
        this.bag = bag;
    }

    /**
     * A poll's worth of stock reports at once (the channel is in batch mode): a flash sale sends one per batch of
     * orders, and one transaction and one statement for all of them costs far less than one each.
     */
    @Incoming("stock")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onStockEvents(List<String> values) {
        List<StockService.Report> reports = new ArrayList<>(values.size());
        for (String value : values) {
            CloudEvent<JsonNode> event = read(value, "catalog.stock.v1");
            if (event != null && "liveloop.stock.changed".equals(event.type())) {
                StockChanged data = cloudEvents.data(event, StockChanged.class);
                reports.add(new StockService.Report(data.skuId(), data.productId(), data.available(), data.version()));
            }
        }
        stock.reported(reports);
    }

    @Incoming("products")
    @Blocking
    @Retry(maxRetries = 10, delay = 500, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 200)
    public void onProductEvent(String value) {
        CloudEvent<JsonNode> event = read(value, "catalog.products.v1");
        if (event == null || !"liveloop.product.delisted".equals(event.type())) {
            return; // published, updated: a pin keeps what catalog said at pin time
        }
        ProductDelisted data = cloudEvents.data(event, ProductDelisted.class);
        inbox.handleOnce(PRODUCTS_CONSUMER, event.id(), () -> bag.unpinEverywhere(data.productId()));
    }

    private CloudEvent<JsonNode> read(String value, String topic) {
        return cloudEvents.readRecord(value, topic).orElse(null);
    }
}
