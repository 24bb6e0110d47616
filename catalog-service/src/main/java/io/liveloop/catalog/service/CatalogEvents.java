package io.liveloop.catalog.service;

import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.repository.StockRepository;
import io.liveloop.platform.events.CloudEvent;
import io.liveloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** What catalog tells the world (contracts/catalog.*), written to the outbox in the caller's transaction. */
@ApplicationScoped
public class CatalogEvents {

    public static final String PRODUCTS_TOPIC = "catalog.products.v1";
    public static final String STOCK_TOPIC = "catalog.stock.v1";
    static final String SOURCE = "/catalog-service";

    public record SkuData(UUID skuId, String skuCode, long priceCents) {
    }

    public record Alliance(int commissionRateBps) {
    }

    public record ProductData(UUID productId, UUID shopId, String title, String status, String qualityStatus,
                              Alliance alliance, List<SkuData> skus) {
    }

    public record StockChanged(UUID skuId, UUID productId, int available, long version) {
    }

    private final Outbox outbox;

    public CatalogEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void productPublished(Product product) {
        product("liveloop.product.published", product);
    }

    public void productUpdated(Product product) {
        product("liveloop.product.updated", product);
    }

    public void productDelisted(Product product) {
        product("liveloop.product.delisted", product);
    }

    public void stockChanged(StockRepository.Level level) {
        outbox.add(STOCK_TOPIC, CloudEvent.of("liveloop.stock.changed", SOURCE, level.skuId().toString(),
                new StockChanged(level.skuId(), level.productId(), level.available(), level.version())));
    }

    private void product(String type, Product p) {
        ProductData data = new ProductData(p.getId(), p.getShopId(), p.getTitle(), p.getStatus().name(),
                p.getQualityStatus().name(),
                p.getAllianceRateBps() == null ? null : new Alliance(p.getAllianceRateBps()),
                p.getSkus().stream().map(s -> new SkuData(s.getId(), s.getSkuCode(), s.getPriceCents())).toList());
        outbox.add(PRODUCTS_TOPIC, CloudEvent.of(type, SOURCE, p.getId().toString(), data));
    }
}
