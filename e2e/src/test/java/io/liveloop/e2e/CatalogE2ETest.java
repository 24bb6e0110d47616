package io.liveloop.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.hamcrest.Matchers.hasItem;

/**
 * The supply side of the loop on the packaged suite: a seller opens a shop and a product, an admin passes its
 * quality check, the seller publishes it and buyers find it by search; every call through the gateway.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class CatalogE2ETest {

    @Test
    void aPublishedProductIsFoundBySearch(RunningSuite suite) {
        Shopkeeping shop = new Shopkeeping(suite);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String seller = "seller-" + tag;
        String shopId = shop.openShop(seller, "春日花园 " + tag);
        String productId = shop.draftProduct(seller, shopId, "夏季碎花连衣裙 " + tag, 19900, 20);
        shop.passAndPublish(seller, productId);

        shop.as("buyer-" + tag, "BUYER").queryParam("q", "连衣裙 " + tag)
                .get(suite.url("gateway") + "/api/catalog/products")
                .then().statusCode(200).body("items.id", hasItem(productId));
    }
}
