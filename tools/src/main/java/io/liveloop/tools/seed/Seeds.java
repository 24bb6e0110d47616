package io.liveloop.tools.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo data in {@code seeds/}: {@code partner.json}, {@code shops.json} (with their products), {@code hosts.json}
 * and {@code buyers.json}. Keys ({@code key}) only tie the files together; in LiveLoop a shop is found again by its
 * owner and name, a product by its shop and title, a room by its host and title, a session by its room and title.
 */
public record Seeds(PartnerSeed partner, List<ShopSeed> shops, List<HostSeed> hosts, List<BuyerSeed> buyers) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartnerSeed(String name, String admin, @JsonProperty("default") boolean isDefault) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ShopSeed(String key, String owner, String name, String description, List<ProductSeed> products) {
        public ProductSeed product(String productKey) {
            return products.stream().filter(p -> p.key().equals(productKey)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("shop '" + key + "' has no product '" + productKey + "'"));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProductSeed(String key, String title, String description, List<String> imageUrls,
                              Integer shipWithinHours, List<SkuSeed> skus, Integer allianceCommissionRateBps) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SkuSeed(String skuCode, Map<String, String> attributes, long priceCents, int stock) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostSeed(String username, String name, List<String> authorisedBy, RoomSeed room, SessionSeed session) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoomSeed(String title, String coverImageUrl) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SessionSeed(String title, Integer scheduledInDays, List<PinSeed> pins) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PinSeed(String shop, String product, String note, List<OfferSeed> offers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OfferSeed(String skuCode, long livePriceCents, Integer perBuyerLimit) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BuyerSeed(String username, String name, Map<String, String> address) {
    }

    /** Reads the four files of {@code dir} and checks that their references hold. */
    public static Seeds load(Path dir, ObjectMapper json) {
        Seeds seeds = new Seeds(
                read(dir.resolve("partner.json"), json, new TypeReference<PartnerSeed>() { }),
                read(dir.resolve("shops.json"), json, new TypeReference<List<ShopSeed>>() { }),
                read(dir.resolve("hosts.json"), json, new TypeReference<List<HostSeed>>() { }),
                read(dir.resolve("buyers.json"), json, new TypeReference<List<BuyerSeed>>() { }));
        seeds.check();
        return seeds;
    }

    public ShopSeed shop(String key) {
        return shops.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shop with key '" + key + "' in shops.json"));
    }

    public int productCount() {
        return shops.stream().mapToInt(s -> s.products().size()).sum();
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        Set<String> shopKeys = new HashSet<>();
        for (ShopSeed shop : shops) {
            if (!shopKeys.add(shop.key())) {
                problems.add("shop key '" + shop.key() + "' is used twice");
            }
            Set<String> titles = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (ProductSeed product : shop.products()) {
                if (!titles.add(product.title())) {
                    problems.add("shop '" + shop.key() + "' has two products titled '" + product.title() + "' (the title is how a product is found again)");
                }
                if (!keys.add(product.key())) {
                    problems.add("shop '" + shop.key() + "' has two products with key '" + product.key() + "'");
                }
                if (product.skus() == null || product.skus().isEmpty()) {
                    problems.add("product '" + product.key() + "' has no SKUs");
                }
            }
        }
        for (HostSeed host : hosts) {
            for (String shop : host.authorisedBy() == null ? List.<String>of() : host.authorisedBy()) {
                if (!shopKeys.contains(shop)) {
                    problems.add("host '" + host.username() + "' is authorised by unknown shop '" + shop + "'");
                }
            }
            if (host.session() != null && host.session().pins() != null) {
                for (PinSeed pin : host.session().pins()) {
                    try {
                        ProductSeed product = shop(pin.shop()).product(pin.product());
                        for (OfferSeed offer : pin.offers() == null ? List.<OfferSeed>of() : pin.offers()) {
                            if (product.skus().stream().noneMatch(s -> s.skuCode().equals(offer.skuCode()))) {
                                problems.add("host '" + host.username() + "' offers unknown SKU '" + offer.skuCode() + "' of '" + pin.product() + "'");
                            }
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("host '" + host.username() + "' pins what is not there: " + e.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the seeds do not hold together:\n  " + String.join("\n  ", problems));
        }
    }

    private static <T> T read(Path file, ObjectMapper json, TypeReference<T> type) {
        try {
            return json.readValue(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
