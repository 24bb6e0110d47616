package io.liveloop.tools.demo;

import io.liveloop.tools.api.RoomFeed;
import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.tools.api.ApiCall;
import io.liveloop.tools.api.ApiResponse;
import io.liveloop.tools.api.Caller;
import io.liveloop.tools.api.LiveLoopApi;
import io.liveloop.tools.partner.PartnerCredentials;
import io.liveloop.tools.seed.PartnerSetup;
import io.liveloop.tools.seed.Seeds;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code ./liveloop demo}: the closed loop on the running suite, step by step, told as it happens. Each step says
 * which role acts, what LiveLoop answered, and the same request as a curl command. The seller's shop and product are
 * new on every run (so every step of the supply side is shown); the room is the demo host's, reused.
 */
public final class Demo {

    private static final Caller ADMIN = Caller.admin("demo.admin");
    private static final Caller SELLER = Caller.seller("demo.seller");
    private static final Caller HOST = Caller.host("demo.host");
    private static final Caller BUYER = Caller.buyer("demo.buyer");
    private static final String ROOM_TITLE = "演示直播间 The demo live room";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final long LIST_PRICE = 12800;
    private static final long LIVE_PRICE = 9900;
    private static final int COMMISSION_BPS = 2000;
    private static final int QUANTITY = 2;

    private final LiveLoopApi api;
    private final PartnerControl partner;
    private final Seeds.PartnerSeed partnerSeed;
    private final String partnerWebhookUrl;
    private final Path runDir;
    private final PrintStream out;
    private final String tag = Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xefff));
    private int step;

    public Demo(LiveLoopApi api, String partnerControlUrl, String partnerWebhookUrl, Seeds.PartnerSeed partnerSeed,
                Path runDir, PrintStream out) {
        this.api = api;
        this.partner = new PartnerControl(partnerControlUrl, api.json());
        this.partnerSeed = partnerSeed;
        this.partnerWebhookUrl = partnerWebhookUrl;
        this.runDir = runDir;
        this.out = out;
    }

    public void run() {
        intro();

        // The partner, the supply side: a shop and a product that passes inspection and goes on sale
        String partnerId = registerPartner();
        String shopId = openShop();
        routeParcels(shopId, partnerId);
        JsonNode product = createProduct(shopId);
        String productId = product.path("id").asText();
        String skuId = skuId(product, "OO-100G");
        passQualityCheck(productId);
        publish(productId);
        listInAlliance(productId);

        // The live room
        String roomId = openRoom();
        String sessionId = goLive(roomId);
        try (RoomFeed feed = RoomFeed.open(api.gateway() + "/api/live/sessions/" + sessionId + "/feed", api.token(BUYER))) {
            pin(sessionId, productId, skuId);
            explain(sessionId, productId);
            watch(sessionId, productId, feed);
            sell(partnerId, sessionId, skuId, feed);
        }
    }

    /** The buyer, the money, the parcel, and the host's numbers. */
    private void sell(String partnerId, String sessionId, String skuId, RoomFeed feed) {
        String orderId = placeOrder(sessionId, skuId);
        pay(orderId);
        stock(skuId);
        feedAfterSale(feed);
        JsonNode request = partnerReceivesRequest(orderId);
        String shipmentId = request.path("shipmentId").asText();
        track(partnerId, shipmentId, "picked_up", orderId, "SHIPPED");
        track(partnerId, shipmentId, "in_transit", orderId, null);
        track(partnerId, shipmentId, "delivered", orderId, "DELIVERED");
        timeline(shipmentId);
        confirmReceipt(orderId);
        endShow(sessionId);
        stats(sessionId);
    }

    private void intro() {
        out.println("LiveLoop demo: one order around the whole loop, on " + api.gateway() + " (run " + tag + ")");
        out.println();
        out.println("Each step says who acts and what LiveLoop answered, then the request as curl. To repeat them by hand:");
        out.println("  GW=" + api.gateway());
        out.println("  PARTNER=" + partner.base() + "      # the partner simulator's control API");
        out.println("  token() { curl -s $GW/api/auth/token -H 'Content-Type: application/json' \\");
        out.println("      -d \"{\\\"username\\\":\\\"$1\\\",\\\"role\\\":\\\"$2\\\"}\" | sed 's/.*\"accessToken\":\"\\([^\"]*\\)\".*/\\1/'; }");
        out.println("  ADMIN=$(token " + ADMIN.username() + " ADMIN) SELLER=$(token " + SELLER.username()
                + " SELLER) HOST=$(token " + HOST.username() + " HOST) BUYER=$(token " + BUYER.username() + " BUYER)");
    }

    private String registerPartner() {
        begin("ADMIN", "makes sure the logistics partner \"" + partnerSeed.name() + "\" is registered, webhooks to the partner simulator");
        PartnerSetup.Outcome outcome = PartnerSetup.ensure(api, ADMIN, partnerSeed.name(), partnerWebhookUrl,
                partnerSeed.isDefault(), PartnerCredentials.file(runDir));
        JsonNode status = partner.post("/partner/reload", null);
        said("partner " + outcome.credentials().partnerId() + ": " + outcome.summary());
        said("the simulator at " + partner.base() + " now acts as that partner (configured: "
                + status.path("configured").asBoolean() + ", webhooks in at " + status.path("webhookUrl").asText() + ")");
        outcome.calls().forEach(this::curl);
        shell("curl -s $PARTNER/partner");
        return outcome.credentials().partnerId();
    }

    private String openShop() {
        begin("SELLER", SELLER.username() + " opens a shop");
        ApiCall call = api.post(SELLER, "/api/catalog/shops",
                obj("name", "暖山茶铺 Warm Hill Tea " + tag, "description", "桂花乌龙与花果茶 Osmanthus oolong and fruit teas"));
        ApiResponse shop = api.send(call, 201);
        said("201 shop " + shop.text("/id") + " \"" + shop.text("/name") + "\", owner " + shop.text("/ownerId"));
        curl(call);
        return shop.text("/id");
    }

    private void routeParcels(String shopId, String partnerId) {
        begin("SELLER", "sends the shop's parcels with that partner");
        ApiCall call = api.put(SELLER, "/api/fulfillment/shops/" + shopId + "/partner", Map.of("partnerId", partnerId));
        api.send(call, 200);
        said("200 the shop's shipments go to partner " + partnerId);
        curl(call);
    }

    private JsonNode createProduct(String shopId) {
        begin("SELLER", "creates a product with two SKUs (prices in fen: 12800 = ¥128.00)");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shopId", shopId);
        body.put("title", "桂花乌龙茶 Osmanthus oolong tea " + tag);
        body.put("description", "金桂窨制，花香馥郁。Scented with golden osmanthus blossoms.");
        body.put("imageUrls", List.of("https://media.liveloop.example/demo/osmanthus-oolong.jpg"));
        body.put("skus", List.of(
                sku("OO-100G", "100g", LIST_PRICE, 20),
                sku("OO-250G", "250g", 29800, 10)));
        ApiCall call = api.post(SELLER, "/api/catalog/products", body);
        ApiResponse product = api.send(call, 201);
        said("201 product " + product.text("/id") + ": " + product.text("/status") + ", quality check "
                + product.text("/qualityStatus") + "; SKU OO-100G " + yuan(LIST_PRICE) + " × 20, OO-250G ¥298.00 × 10");
        curl(call);
        return product.json();
    }

    private void passQualityCheck(String productId) {
        begin("ADMIN", "inspects the product and passes its quality check");
        ApiCall call = api.post(ADMIN, "/api/catalog/products/" + productId + "/quality-checks",
                obj("result", "PASSED", "notes", "leaf grade, aroma and packaging checked"));
        ApiResponse check = api.send(call, 201);
        said("201 quality check " + check.text("/result") + " by inspector " + check.text("/inspectorId"));
        curl(call);
    }

    private void publish(String productId) {
        begin("SELLER", "puts it on sale");
        ApiCall call = api.post(SELLER, "/api/catalog/products/" + productId + "/publish", null);
        ApiResponse product = api.send(call, 200);
        said("200 status " + product.text("/status") + " (publishing needs the passed check: without it, 409 quality-check-required)");
        curl(call);
    }

    private void listInAlliance(String productId) {
        begin("SELLER", "lists it in the alliance pool at 20% commission, so other shops' hosts may sell it");
        ApiCall call = api.put(SELLER, "/api/catalog/products/" + productId + "/alliance", Map.of("commissionRateBps", COMMISSION_BPS));
        ApiResponse product = api.send(call, 200);
        said("200 alliance commission " + product.number("/alliance/commissionRateBps") + " basis points = "
                + product.number("/alliance/commissionRateBps") / 100 + "%");
        curl(call);
    }

    private String openRoom() {
        begin("HOST", HOST.username() + " (not authorised by the shop: a host from the alliance) opens a live room");
        ApiCall list = api.get(HOST, "/api/live/rooms");
        JsonNode existing = LiveLoopApi.index(api.all(HOST, "/api/live/rooms"), r -> r.path("title").asText()).get(ROOM_TITLE);
        if (existing != null) {
            said("200 the room " + existing.path("id").asText() + " \"" + ROOM_TITLE + "\" is there from an earlier demo: reused");
            curl(list);
            return existing.path("id").asText();
        }
        ApiCall call = api.post(HOST, "/api/live/rooms", obj("title", ROOM_TITLE,
                "coverImageUrl", "https://media.liveloop.example/demo/room.jpg"));
        ApiResponse room = api.send(call, 201);
        said("201 room " + room.text("/id") + " \"" + ROOM_TITLE + "\"");
        curl(call);
        return room.text("/id");
    }

    private String goLive(String roomId) {
        begin("HOST", "schedules a session in the room and goes live");
        for (JsonNode s : api.all(HOST, "/api/live/rooms/" + roomId + "/sessions")) {
            if ("LIVE".equals(s.path("status").asText())) { // an earlier demo stopped half-way: one live session per room
                api.send(api.post(HOST, "/api/live/sessions/" + s.path("id").asText() + "/end", null), 200);
                said("(ended session " + s.path("id").asText() + ", left live by an earlier demo)");
            }
        }
        ApiCall schedule = api.post(HOST, "/api/live/rooms/" + roomId + "/sessions", Map.of("title", "桂花乌龙品鉴 Osmanthus oolong tasting " + tag));
        ApiResponse session = api.send(schedule, 201);
        String sessionId = session.text("/id");
        ApiCall start = api.post(HOST, "/api/live/sessions/" + sessionId + "/start", null);
        ApiResponse live = api.send(start, 200);
        said("201 session " + sessionId + " " + session.text("/status") + ", then 200 " + live.text("/status")
                + " since " + live.text("/startedAt"));
        curl(schedule);
        curl(start);
        return sessionId;
    }

    private void pin(String sessionId, String productId, String skuId) {
        begin("HOST", "pins the product into the bag with a live offer: " + yuan(LIVE_PRICE) + " instead of "
                + yuan(LIST_PRICE) + ", at most 2 per buyer");
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("skuId", skuId);
        offer.put("livePriceCents", LIVE_PRICE);
        offer.put("perBuyerLimit", 2);
        ApiCall call = api.post(HOST, "/api/live/sessions/" + sessionId + "/pins",
                obj("productId", productId, "note", "今晚直播专享 tonight only", "offers", List.of(offer)));
        ApiResponse pin = api.send(call, 201);
        said("201 pinned at position " + pin.number("/position") + ": live price " + yuan(pin.number("/offers/0/livePriceCents"))
                + ", list price " + yuan(pin.number("/offers/0/listPriceCents")) + ", limit " + pin.number("/offers/0/perBuyerLimit")
                + " (catalog confirmed: on sale, quality passed, in the alliance pool)");
        curl(call);
    }

    private void explain(String sessionId, String productId) {
        begin("HOST", "marks it as the product being explained on camera");
        ApiCall call = api.put(HOST, "/api/live/sessions/" + sessionId + "/explaining", Map.of("productId", productId));
        ApiResponse explaining = api.send(call, 200);
        said("200 explaining " + explaining.text("/productId"));
        curl(call);
    }

    private void watch(String sessionId, String productId, RoomFeed feed) {
        begin("BUYER", BUYER.username() + " watches: the room screen, the live feed (SSE), a tap on the product card");
        ApiCall call = api.get(BUYER, "/api/live/sessions/" + sessionId);
        ApiResponse room = api.send(call, 200);
        JsonNode pin = room.json().path("bag").path(0);
        said("200 " + room.text("/status") + " \"" + room.text("/title") + "\"; in the bag: \"" + pin.path("title").asText()
                + "\" at " + yuan(pin.path("offers").path(0).path("livePriceCents").asLong()) + " (list "
                + yuan(pin.path("offers").path(0).path("listPriceCents").asLong()) + ")"
                + (pin.path("explaining").asBoolean() ? ", being explained now" : ""));
        List<RoomFeed.Event> events = await(feed::events,
                e -> e.stream().anyMatch(ev -> "explaining".equals(ev.name())), "the feed to show the explaining card");
        said("the feed so far: " + String.join(", ", events.stream().map(RoomFeed.Event::name).toList()));
        ApiCall click = api.post(BUYER, "/api/live/sessions/" + sessionId + "/clicks", Map.of("productId", productId));
        said(api.send(click, 202).status() + " tap counted (the funnel: viewers, clicks, orders)");
        curl(call);
        shell("curl -sN $GW/api/live/sessions/" + sessionId + "/feed -H \"Authorization: Bearer $BUYER\"   # the feed; Ctrl-C stops it");
        curl(click);
        // The offer reaches order-service's own read model over Kafka (live.sessions.v1); give it a moment.
        pause(Duration.ofSeconds(3));
    }

    private String placeOrder(String sessionId, String skuId) {
        begin("BUYER", "orders 2 × 100g in the live session (an Idempotency-Key makes a retry safe)");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.of(obj("skuId", skuId, "quantity", QUANTITY)));
        body.put("liveSessionId", sessionId);
        body.put("shippingAddress", obj("recipient", "王芳", "phone", "13600000003", "province", "浙江省",
                "city", "杭州市", "district", "西湖区", "line1", "文三路 90 号 6 楼"));
        ApiCall call = api.post(BUYER, "/api/orders", body).withHeader("Idempotency-Key", "demo-" + tag + "-order");
        ApiResponse order = api.send(call, 201);
        long unit = order.number("/items/0/unitPriceCents");
        said("201 order " + order.text("/id") + ": " + order.text("/status") + ", " + QUANTITY + " × " + yuan(unit)
                + (unit == LIVE_PRICE ? " (the live price, set by the server)" : " (NOT the live price: the offer had not reached order-service yet)")
                + " = " + yuan(order.number("/totalCents")) + "; host commission " + yuan(order.number("/commissionCents"))
                + "; pay by " + order.text("/payBy"));
        said("stock: 2 units of OO-100G reserved in catalog until payment");
        curl(call);
        return order.text("/id");
    }

    private void pay(String orderId) {
        begin("BUYER", "pays with the sandbox provider");
        ApiCall call = api.post(BUYER, "/api/orders/" + orderId + "/payments", Map.of("provider", "sandbox"))
                .withHeader("Idempotency-Key", "demo-" + tag + "-pay");
        ApiResponse payment = api.send(call, 201);
        said("201 payment " + payment.text("/id") + " " + payment.text("/status") + " for " + yuan(payment.number("/amountCents")));
        JsonNode order = awaitOrder(orderId, "PAID");
        said("the provider's signed callback arrived: order " + order.path("status").asText() + " at " + order.path("paidAt").asText());
        curl(call);
        curl(api.get(BUYER, "/api/orders/" + orderId));
    }

    private void stock(String skuId) {
        begin("SELLER", "checks the stock of OO-100G");
        ApiCall call = api.get(SELLER, "/api/catalog/skus/" + skuId + "/stock");
        JsonNode stock = await(() -> api.send(call, 200).json(), s -> s.path("sold").asInt() >= QUANTITY,
                "catalog to count the paid units as sold");
        said("200 available " + stock.path("available").asInt() + ", reserved " + stock.path("reserved").asInt()
                + ", sold " + stock.path("sold").asInt() + " (the reservation became a sale when orders.v1 said paid)");
        curl(call);
    }

    private void feedAfterSale(RoomFeed feed) {
        begin("VIEWERS", "everyone in the room sees the sale on the feed");
        List<RoomFeed.Event> events = await(feed::events, e -> e.stream().anyMatch(ev -> "sale".equals(ev.name()))
                && e.stream().anyMatch(ev -> "stock".equals(ev.name())), "the feed to show the sale and the stock left");
        events.stream().filter(ev -> "sale".equals(ev.name()) || "stock".equals(ev.name()))
                .forEach(ev -> said("event: " + ev.name() + "  data: " + ev.data()));
    }

    private JsonNode partnerReceivesRequest(String orderId) {
        begin("PARTNER", "the logistics partner's system receives LiveLoop's signed shipment.requested");
        JsonNode webhook = await(() -> partner.get("/partner/received?orderId=" + orderId + "&type=shipment.requested")
                .path("items").path(0), n -> !n.isMissingNode(), "the partner to receive shipment.requested for order " + orderId);
        JsonNode data = webhook.path("body").path("data");
        said("webhook-id " + webhook.path("webhookId").asText() + ": Standard Webhooks signature (HMAC-SHA256 over id.timestamp.body) "
                + (webhook.path("signatureVerified").asBoolean() ? "verified with the partner secret" : "NOT verified"));
        said("shipment " + webhook.path("shipmentId").asText() + ": " + data.path("items").path(0).path("quantity").asInt()
                + " × \"" + data.path("items").path(0).path("title").asText() + "\" to " + data.path("shipTo").path("recipient").asText()
                + ", " + data.path("shipTo").path("city").asText() + "; ship by " + data.path("shipBy").asText()
                + "; the partner's tracking number " + webhook.path("trackingNumber").asText());
        shell("curl -s \"$PARTNER/partner/received?orderId=" + orderId + "\"");
        return webhook;
    }

    private void track(String partnerId, String shipmentId, String type, String orderId, String orderStatus) {
        begin("PARTNER", "posts a signed tracking webhook: " + type);
        String body = "{\"shipmentId\":\"" + shipmentId + "\",\"type\":\"" + type + "\"}";
        JsonNode result = partner.post("/partner/track", body);
        String answer = result.path("liveloopAnswer").toString();
        said("POST $GW/webhooks/logistics/" + partnerId + " (webhook-id " + result.path("webhookId").asText() + "): LiveLoop answered "
                + result.path("liveloopStatus").asInt() + " " + answer);
        if (orderStatus != null) {
            JsonNode order = awaitOrder(orderId, orderStatus);
            said("the order follows: " + order.path("status").asText());
        }
        shell("curl -s $PARTNER/partner/track -H 'Content-Type: application/json' -d '" + body + "'");
    }

    private void timeline(String shipmentId) {
        begin("BUYER", "looks at the parcel's tracking");
        ApiCall call = api.get(BUYER, "/api/fulfillment/shipments/" + shipmentId);
        ApiResponse shipment = api.send(call, 200);
        said("200 shipment " + shipment.text("/status") + ", tracking number " + shipment.text("/trackingNumber") + ":");
        for (JsonNode entry : shipment.json().path("timeline")) {
            out.println("        " + entry.path("occurredAt").asText() + "  " + entry.path("type").asText() + "  "
                    + entry.path("location").asText());
        }
        curl(call);
    }

    private void confirmReceipt(String orderId) {
        begin("BUYER", "confirms the parcel arrived");
        ApiCall call = api.post(BUYER, "/api/orders/" + orderId + "/confirm-receipt", null);
        ApiResponse order = api.send(call, 200);
        said("200 order " + order.text("/status") + " at " + order.text("/completedAt"));
        curl(call);
    }

    private void endShow(String sessionId) {
        begin("HOST", "ends the show");
        ApiCall call = api.post(HOST, "/api/live/sessions/" + sessionId + "/end", null);
        ApiResponse session = api.send(call, 200);
        said("200 session " + session.text("/status") + " at " + session.text("/endedAt"));
        curl(call);
    }

    private void stats(String sessionId) {
        begin("HOST", "reads the session's stats");
        ApiCall call = api.get(HOST, "/api/live/sessions/" + sessionId + "/stats");
        JsonNode stats = await(() -> api.send(call, 200).json(), s -> s.path("ordersPaid").asLong() >= 1,
                "the session's stats to count the paid order");
        said("orders placed " + stats.path("ordersPlaced").asLong() + ", paid " + stats.path("ordersPaid").asLong()
                + "; units sold " + stats.path("unitsSold").asLong() + "; GMV " + yuan(stats.path("gmvCents").asLong())
                + "; host commission " + yuan(stats.path("commissionCents").asLong()) + "; clicks " + stats.path("clicks").asLong()
                + "; conversion " + Math.round(stats.path("conversionRate").asDouble() * 100) + "% of "
                + stats.path("viewers").path("unique").asLong() + " unique viewer(s)");
        curl(call);
        out.println();
        out.println("The loop is closed: the order went PENDING_PAYMENT → PAID → SHIPPED → DELIVERED → COMPLETED, "
                + "and the host's session counted it.");
    }

    private JsonNode awaitOrder(String orderId, String status) {
        ApiCall call = api.get(BUYER, "/api/orders/" + orderId);
        return await(() -> api.send(call, 200).json(), o -> status.equals(o.path("status").asText()),
                "order " + orderId + " to be " + status);
    }

    private <T> T await(Supplier<T> read, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("waited " + WAIT.toSeconds() + " s for " + what + "; last seen: " + last);
    }

    private void begin(String role, String action) {
        step++;
        out.println();
        out.printf("%2d. %-7s %s%n", step, role, action);
    }

    private void said(String text) {
        out.println("    → " + text);
    }

    private void curl(ApiCall call) {
        shell(call.curl("$GW", caller -> "$" + caller.role()));
    }

    private void shell(String command) {
        out.println("    $ " + command);
    }

    /** A JSON object whose fields keep the order they are given in (so the curl lines read naturally). */
    private static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static Map<String, Object> sku(String code, String weight, long priceCents, int stock) {
        Map<String, Object> sku = new LinkedHashMap<>();
        sku.put("skuCode", code);
        sku.put("attributes", Map.of("weight", weight));
        sku.put("priceCents", priceCents);
        sku.put("stock", stock);
        return sku;
    }

    private static String skuId(JsonNode product, String code) {
        List<String> codes = new ArrayList<>();
        for (JsonNode sku : product.path("skus")) {
            if (code.equals(sku.path("skuCode").asText())) {
                return sku.path("id").asText();
            }
            codes.add(sku.path("skuCode").asText());
        }
        throw new IllegalStateException("no SKU " + code + " in " + codes);
    }

    static String yuan(long cents) {
        return String.format("¥%d.%02d", cents / 100, Math.abs(cents % 100));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
