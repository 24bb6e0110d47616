package io.liveloop.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer CLI's own tools on the packaged suite: {@code ./liveloop seed} loads seeds/ through the gateway and a
 * second run creates nothing (counted through the API, by the natural keys the loader uses), and
 * {@code ./liveloop demo} takes one order around the whole loop, partner webhooks included, and ends with the stats.
 */
@ExtendWith(LiveLoopSuiteExtension.class)
class SeedAndDemoE2ETest {

    @Test
    void seedingTwiceCreatesEverythingOnceAndTheDemoClosesTheLoop(RunningSuite suite) {
        Path seeds = seedsDir();
        List<String> titles = JsonPath.from(seeds.resolve("shops.json").toFile()).getList("products.flatten().title", String.class);
        String partnerName = JsonPath.from(seeds.resolve("partner.json").toFile()).getString("name");
        JsonPath hosts = JsonPath.from(seeds.resolve("hosts.json").toFile());
        assertThat(titles).hasSizeGreaterThanOrEqualTo(25);

        RunningSuite.CliResult first = suite.cli("seed").orFail("./liveloop seed");
        Counts afterFirst = count(suite, titles, partnerName, hosts);
        assertThat(afterFirst.productsPerTitle().values()).as("each seeded product exactly once").containsOnly(1);
        assertThat(afterFirst.shops()).isEqualTo(3);
        assertThat(afterFirst.partners()).isEqualTo(1);
        assertThat(afterFirst.rooms()).containsOnly(1);
        assertThat(afterFirst.sessions()).containsOnly(1);
        assertThat(first.output()).contains("seeded in");

        RunningSuite.CliResult second = suite.cli("seed").orFail("./liveloop seed (again)");
        assertThat(second.output()).contains(" 0 created, ");
        assertThat(count(suite, titles, partnerName, hosts)).isEqualTo(afterFirst);

        RunningSuite.CliResult demo = suite.cli("demo").orFail("./liveloop demo");
        assertThat(demo.output())
                .contains("(the live price, set by the server)")
                .contains("verified with the partner secret")
                .contains("the order follows: SHIPPED")
                .contains("the order follows: DELIVERED")
                .contains("200 order COMPLETED")
                .contains("orders placed 1, paid 1; units sold 2; GMV ¥198.00; host commission ¥39.60")
                .contains("$ curl -s $GW/api/orders");
    }

    /** What the seeds made, as the API shows it: products by title, their shops, the partner, rooms and sessions per host. */
    private record Counts(Map<String, Integer> productsPerTitle, int shops, int partners, List<Integer> rooms, List<Integer> sessions) {
    }

    private static Counts count(RunningSuite suite, List<String> titles, String partnerName, JsonPath hosts) {
        String gateway = suite.url("gateway");
        SuiteTokens tokens = new SuiteTokens(suite);
        Map<String, Integer> perTitle = new HashMap<>();
        titles.forEach(t -> perTitle.put(t, 0));
        Set<String> shops = new HashSet<>();
        String cursor = null;
        do { // every product, as an admin sees them (drafts too)
            RequestSpecification request = as(tokens, "seed-checker", "ADMIN").queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(gateway + "/api/catalog/products").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> product : page.<Map<String, Object>>getList("items")) {
                String title = (String) product.get("title");
                if (perTitle.containsKey(title)) {
                    perTitle.merge(title, 1, Integer::sum);
                    shops.add((String) product.get("shopId"));
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        int partners = (int) as(tokens, "seed-checker", "ADMIN").get(gateway + "/api/fulfillment/partners")
                .then().statusCode(200).extract().jsonPath().getList("name", String.class).stream()
                .filter(partnerName::equals).count();

        List<Integer> rooms = new ArrayList<>();
        List<Integer> sessions = new ArrayList<>();
        for (int i = 0; i < hosts.getList("$").size(); i++) {
            String host = hosts.getString("[" + i + "].username");
            String roomTitle = hosts.getString("[" + i + "].room.title");
            String sessionTitle = hosts.getString("[" + i + "].session.title");
            List<Map<String, Object>> matching = as(tokens, host, "HOST").get(gateway + "/api/live/rooms")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                    .filter(r -> roomTitle.equals(r.get("title"))).toList();
            rooms.add(matching.size());
            for (Map<String, Object> room : matching) {
                sessions.add((int) as(tokens, host, "HOST").get(gateway + "/api/live/rooms/" + room.get("id") + "/sessions")
                        .then().statusCode(200).extract().jsonPath().getList("items.title", String.class).stream()
                        .filter(sessionTitle::equals).count());
            }
        }
        return new Counts(perTitle, shops.size(), partners, rooms, sessions);
    }

    private static RequestSpecification as(SuiteTokens tokens, String username, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", tokens.bearer(username, role));
    }

    private static Path seedsDir() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("seeds/shops.json"))) {
                return dir.resolve("seeds");
            }
        }
        throw new IllegalStateException("no seeds/shops.json above " + new File(".").getAbsolutePath());
    }
}
