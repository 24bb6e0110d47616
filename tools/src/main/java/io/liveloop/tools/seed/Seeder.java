package io.liveloop.tools.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.tools.api.Caller;
import io.liveloop.tools.api.LiveLoopApi;
import io.liveloop.tools.partner.PartnerCredentials;
import io.liveloop.tools.seed.Seeds.BuyerSeed;
import io.liveloop.tools.seed.Seeds.HostSeed;
import io.liveloop.tools.seed.Seeds.OfferSeed;
import io.liveloop.tools.seed.Seeds.PinSeed;
import io.liveloop.tools.seed.Seeds.ProductSeed;
import io.liveloop.tools.seed.Seeds.ShopSeed;
import io.liveloop.tools.seed.Seeds.SkuSeed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@link Seeds} through the public API, as the apps would make the same data: sellers open shops and create
 * products, an admin passes quality checks, sellers publish and list in the alliance pool, hosts open rooms and
 * schedule a session with a bag, an admin registers the partner.
 *
 * <p>Idempotent: everything is first looked for through the API by its natural key and only created when missing,
 * and a thing that exists is moved to the state the seeds describe (quality passed, published, alliance rate,
 * pinned), never duplicated. Stock and prices of existing SKUs are left as they are: people may have bought since.
 */
public final class Seeder {

    /** What a run did, by kind: created, found, and changes made to things that were found. */
    public static final class Tally {
        private final Map<String, int[]> counts = new LinkedHashMap<>();

        void created(String kind) {
            counts.computeIfAbsent(kind, k -> new int[3])[0]++;
        }

        void found(String kind) {
            counts.computeIfAbsent(kind, k -> new int[3])[1]++;
        }

        void changed(String kind) {
            counts.computeIfAbsent(kind, k -> new int[3])[2]++;
        }

        public int created() {
            return counts.values().stream().mapToInt(c -> c[0]).sum();
        }

        public int found() {
            return counts.values().stream().mapToInt(c -> c[1]).sum();
        }

        public String describe(String... kinds) {
            List<String> parts = new ArrayList<>();
            for (String kind : kinds) {
                int[] c = counts.getOrDefault(kind, new int[3]);
                parts.add(kind + " " + (c[0] + c[1]) + " (" + c[0] + " new" + (c[2] > 0 ? ", " + c[2] + " updated" : "") + ")");
            }
            return String.join(", ", parts);
        }
    }

    private static final Caller INSPECTOR = Caller.admin("inspector");

    private final LiveLoopApi api;
    private final Seeds seeds;
    private final Path runDir;
    private final String partnerWebhookUrl;
    private final Progress progress;
    private final Tally tally = new Tally();
    private final Map<String, String> shopIds = new HashMap<>();               // shop key -> id
    private final Map<String, JsonNode> products = new HashMap<>();            // "shop/product" key -> product

    public Seeder(LiveLoopApi api, Seeds seeds, Path runDir, String partnerWebhookUrl, Progress progress) {
        this.api = api;
        this.seeds = seeds;
        this.runDir = runDir;
        this.partnerWebhookUrl = partnerWebhookUrl;
        this.progress = progress;
    }

    /** True when the catalog holds no product at all: a system nobody has used yet. */
    public static boolean catalogIsEmpty(LiveLoopApi api) {
        return api.send(api.get(INSPECTOR, "/api/catalog/products?limit=1"), 200).json().path("items").isEmpty();
    }

    public Tally run() {
        String partnerId = partner();
        for (ShopSeed shop : seeds.shops()) {
            shop(shop, partnerId);
        }
        for (HostSeed host : seeds.hosts()) {
            host(host);
        }
        buyers();
        return tally;
    }

    private String partner() {
        progress.begin("partner");
        Caller admin = Caller.admin(seeds.partner().admin());
        PartnerSetup.Outcome outcome = PartnerSetup.ensure(api, admin, seeds.partner().name(), partnerWebhookUrl,
                seeds.partner().isDefault(), PartnerCredentials.file(runDir));
        if (outcome.created()) {
            tally.created("partners");
        } else {
            tally.found("partners");
        }
        progress.ok(seeds.partner().name() + " → " + partnerWebhookUrl + ": " + outcome.summary());
        return outcome.credentials().partnerId();
    }

    private void shop(ShopSeed seed, String partnerId) {
        progress.begin("shop " + seed.key());
        Caller owner = Caller.seller(seed.owner());
        String shopId = findShop(seed).orElse(null);
        boolean newShop = shopId == null;
        if (newShop) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", seed.name());
            body.put("description", seed.description());
            shopId = api.send(api.post(owner, "/api/catalog/shops", body), 201).text("/id");
            tally.created("shops");
        } else {
            tally.found("shops");
        }
        shopIds.put(seed.key(), shopId);
        api.send(api.put(owner, "/api/fulfillment/shops/" + shopId + "/partner", Map.of("partnerId", partnerId)), 200);

        Map<String, JsonNode> existing = LiveLoopApi.index(
                api.all(owner, "/api/catalog/products?shopId=" + shopId), p -> p.path("title").asText());
        int created = 0;
        int updated = 0;
        int alliance = 0;
        for (ProductSeed product : seed.products()) {
            JsonNode found = existing.get(product.title());
            boolean isNew = found == null;
            JsonNode now = isNew ? createProduct(owner, shopId, seed.key(), product) : found;
            boolean changed = addMissingSkus(owner, now, product);
            if (changed) {
                now = api.send(api.get(owner, "/api/catalog/products/" + id(now)), 200).json();
            }
            if (!"PASSED".equals(now.path("qualityStatus").asText())) {
                api.send(api.post(INSPECTOR, "/api/catalog/products/" + id(now) + "/quality-checks",
                        Map.of("result", "PASSED", "notes", "seed: labels, weight and packaging checked")), 201);
                changed = true;
            }
            if (!"ON_SALE".equals(now.path("status").asText())) {
                now = api.send(api.post(owner, "/api/catalog/products/" + id(now) + "/publish", null), 200).json();
                changed = true;
            }
            Integer rate = product.allianceCommissionRateBps();
            if (rate != null && now.path("alliance").path("commissionRateBps").asInt(-1) != rate) {
                now = api.send(api.put(owner, "/api/catalog/products/" + id(now) + "/alliance",
                        Map.of("commissionRateBps", rate)), 200).json();
                changed = true;
            }
            if (rate != null) {
                alliance++;
            }
            products.put(seed.key() + "/" + product.key(), now);
            if (isNew) {
                tally.created("products");
                created++;
            } else {
                tally.found("products");
                if (changed) {
                    tally.changed("products");
                    updated++;
                }
            }
        }
        progress.ok(seed.name() + " (" + seed.owner() + "): " + (newShop ? "opened, " : "there, ") + seed.products().size() + " products on sale (" + created + " new"
                + (updated > 0 ? ", " + updated + " updated" : "") + "), " + alliance + " in the alliance pool; parcels go with the partner");
    }

    /**
     * A shop by owner and name. The API has no "shops of a seller" list, so the shop is found through one of its
     * seeded products (an admin's search sees every product), then read to check its owner and name.
     */
    private Optional<String> findShop(ShopSeed seed) {
        String owner = Caller.seller(seed.owner()).userId().toString();
        Set<String> checked = new HashSet<>();
        for (ProductSeed product : seed.products()) {
            String q = URLEncoder.encode(product.title(), StandardCharsets.UTF_8);
            for (JsonNode hit : api.send(api.get(INSPECTOR, "/api/catalog/products?limit=20&q=" + q), 200).json().path("items")) {
                String shopId = hit.path("shopId").asText();
                if (!product.title().equals(hit.path("title").asText()) || !checked.add(shopId)) {
                    continue;
                }
                JsonNode shop = api.send(api.get(INSPECTOR, "/api/catalog/shops/" + shopId), 200).json();
                if (owner.equals(shop.path("ownerId").asText()) && seed.name().equals(shop.path("name").asText())) {
                    return Optional.of(shopId);
                }
            }
        }
        return Optional.empty();
    }

    private JsonNode createProduct(Caller owner, String shopId, String shopKey, ProductSeed product) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shopId", shopId);
        body.put("title", product.title());
        body.put("description", product.description());
        body.put("imageUrls", product.imageUrls() != null ? product.imageUrls()
                : List.of("https://media.liveloop.example/seed/" + shopKey + "/" + product.key() + ".jpg"));
        if (product.shipWithinHours() != null) {
            body.put("shipWithinHours", product.shipWithinHours());
        }
        body.put("skus", product.skus().stream().map(Seeder::skuBody).toList());
        return api.send(api.post(owner, "/api/catalog/products", body), 201).json();
    }

    private boolean addMissingSkus(Caller owner, JsonNode product, ProductSeed seed) {
        Set<String> codes = new HashSet<>();
        product.path("skus").forEach(s -> codes.add(s.path("skuCode").asText()));
        boolean added = false;
        for (SkuSeed sku : seed.skus()) {
            if (!codes.contains(sku.skuCode())) {
                api.send(api.post(owner, "/api/catalog/products/" + id(product) + "/skus", skuBody(sku)), 201);
                added = true;
            }
        }
        return added;
    }

    private static Map<String, Object> skuBody(SkuSeed sku) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("skuCode", sku.skuCode());
        body.put("attributes", sku.attributes() == null ? Map.of() : sku.attributes());
        body.put("priceCents", sku.priceCents());
        body.put("stock", sku.stock());
        return body;
    }

    private void host(HostSeed seed) {
        progress.begin("host " + seed.username());
        Caller host = Caller.host(seed.username());
        String hostId = host.userId().toString();
        List<String> said = new ArrayList<>();

        List<String> authorisedBy = seed.authorisedBy() == null ? List.of() : seed.authorisedBy();
        for (String shopKey : authorisedBy) {
            String shopId = shopIds.get(shopKey);
            Caller owner = Caller.seller(seeds.shop(shopKey).owner());
            boolean already = false;
            for (JsonNode h : api.send(api.get(owner, "/api/catalog/shops/" + shopId + "/hosts"), 200).json()) {
                already |= hostId.equals(h.path("hostId").asText());
            }
            if (already) {
                tally.found("host authorisations");
            } else {
                api.send(api.post(owner, "/api/catalog/shops/" + shopId + "/hosts", Map.of("hostId", hostId)), 201);
                tally.created("host authorisations");
            }
        }
        said.add(authorisedBy.isEmpty() ? "sells through the alliance pool"
                : "authorised by " + String.join(", ", authorisedBy.stream().map(k -> seeds.shop(k).name()).toList()));

        JsonNode room = LiveLoopApi.index(api.all(host, "/api/live/rooms"), r -> r.path("title").asText()).get(seed.room().title());
        if (room == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", seed.room().title());
            if (seed.room().coverImageUrl() != null) {
                body.put("coverImageUrl", seed.room().coverImageUrl());
            }
            room = api.send(api.post(host, "/api/live/rooms", body), 201).json();
            tally.created("rooms");
            said.add("room opened");
        } else {
            tally.found("rooms");
            said.add("room there");
        }

        if (seed.session() != null) {
            said.add(session(host, id(room), seed));
        }
        progress.ok(String.join("; ", said));
    }

    private String session(Caller host, String roomId, HostSeed seed) {
        JsonNode session = LiveLoopApi.index(api.all(host, "/api/live/rooms/" + roomId + "/sessions"),
                s -> s.path("title").asText()).get(seed.session().title());
        String what;
        if (session == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", seed.session().title());
            int days = seed.session().scheduledInDays() == null ? 1 : seed.session().scheduledInDays();
            // 20:00 in China (UTC+8), a few days from now: when live shows draw their crowd
            Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
            body.put("scheduledStartAt", start.toString());
            session = api.send(api.post(host, "/api/live/rooms/" + roomId + "/sessions", body), 201).json();
            tally.created("sessions");
            what = "session scheduled for " + session.path("scheduledStartAt").asText();
        } else {
            tally.found("sessions");
            what = "session " + session.path("status").asText();
        }
        if ("ENDED".equals(session.path("status").asText()) || seed.session().pins() == null) {
            return what;
        }
        String sessionId = id(session);
        Set<String> pinned = new HashSet<>();
        api.send(api.get(host, "/api/live/sessions/" + sessionId), 200).json().path("bag")
                .forEach(p -> pinned.add(p.path("productId").asText()));
        int added = 0;
        for (PinSeed pin : seed.session().pins()) {
            JsonNode product = products.get(pin.shop() + "/" + pin.product());
            if (pinned.contains(id(product))) {
                tally.found("pins");
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("productId", id(product));
            if (pin.note() != null) {
                body.put("note", pin.note());
            }
            List<Map<String, Object>> offers = new ArrayList<>();
            for (OfferSeed offer : pin.offers() == null ? List.<OfferSeed>of() : pin.offers()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("skuId", skuId(product, offer.skuCode()));
                o.put("livePriceCents", offer.livePriceCents());
                if (offer.perBuyerLimit() != null) {
                    o.put("perBuyerLimit", offer.perBuyerLimit());
                }
                offers.add(o);
            }
            body.put("offers", offers);
            api.send(api.post(host, "/api/live/sessions/" + sessionId + "/pins", body), 201);
            tally.created("pins");
            added++;
        }
        return what + ", " + seed.session().pins().size() + " products in the bag (" + added + " new)";
    }

    private void buyers() {
        progress.begin("buyers");
        List<String> names = new ArrayList<>();
        for (BuyerSeed buyer : seeds.buyers()) {
            api.token(Caller.buyer(buyer.username())); // a buyer is a sign-in: nothing to create before the first order
            names.add(buyer.username());
        }
        progress.ok(names.size() + " can sign in: " + String.join(", ", names) + " (buyers exist once they sign in)");
    }

    private static String skuId(JsonNode product, String skuCode) {
        for (JsonNode sku : product.path("skus")) {
            if (skuCode.equals(sku.path("skuCode").asText())) {
                return sku.path("id").asText();
            }
        }
        throw new IllegalStateException("product " + id(product) + " has no SKU " + skuCode);
    }

    private static String id(JsonNode node) {
        return node.path("id").asText();
    }
}
