package io.liveloop.platform.linkpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class LinkPolicyTest {

    private static final LinkPolicy POLICY = new LinkPolicy(List.of("liveloop.example", "media.liveloop.example"));

    static Stream<String> allowedTexts() {
        return Stream.of(
                // prices and quantities
                "￥199",
                "¥ 59.9",
                "￥1,299.00",
                "$12.50",
                "原价￥1999，现价￥999",
                "价格 ￥99（含税）",
                "3.5kg",
                "净含量500ml，约3.5斤",
                "满300减50，3点30开抢",
                "Size: 10.5 in",
                "20%OFF, 100% cotton. Machine wash.",
                // e-mail addresses name a mailbox, not a store
                "service@shop.com",
                "联系客服：service@shop.com",
                "Email John.Smith@Example.COM for wholesale",
                "客服邮箱 kefu@jd.com",
                // versions, sizes, dates, times, abbreviations, file names
                "v2.3.1",
                "iOS 17.2 或更高版本",
                "固件版本 V1.0.12",
                "尺码：S/M/L",
                "165/88A",
                "2024.06.18 发货",
                "2024-06-18",
                "12:30 开播",
                "e.g. cotton, i.e. natural fibre",
                "No.1 畅销",
                "Shenzhen ABC Co.Ltd",
                "Dr.Wang 推荐, iPhone15.Pro 保护壳",
                "ver.2.0, node.js, 尺寸：30.5x20.3cm, 评分4.9分.好评如潮",
                "photo.jpg",
                "说明书见 manual.pdf 和 readme.md",
                // ordinary copy, hashtags, emoji
                "夏季碎花连衣裙，买一送一！",
                "100% cotton. Machine wash.",
                "Made in China. Comfortable fit.",
                "polka dot top",
                "Red Dot Design Award winner",
                "Perfect for your baby.Toys not included.",
                "质量很好。中国制造，放心购买。",
                "包邮。Shop now!",
                "Buy now。Shop today",
                "#夏季新款 #OOTD",
                "🔥🔥 爆款直降 🔥",
                "Apple iPhone 15 Pro Max 256GB",
                // brackets that hold names and SKUs, not share codes
                "【新品上市】（均码）",
                "(Polyester) 【iPhone15Pro】 手机壳 (SKU20240601)",
                "￥12345678￥ (12345678) 【ABCDEFGH】",
                "我们在京东旗舰店也有卖",
                // the platform's own hosts
                "https://media.liveloop.example/img/1.jpg",
                "liveloop.example/help",
                "详见 https://liveloop.example/help?topic=returns。",
                "www.liveloop.example",
                "cdn.media.liveloop.example/a.png");
    }

    static Stream<Arguments> rejectedTexts() {
        return Stream.of(
                // URLs
                Arguments.of("https://shop.taobao.com/item?id=1", LinkKind.URL),
                Arguments.of("http://evil.com", LinkKind.URL),
                Arguments.of("HTTPS://EVIL.COM/X", LinkKind.URL),
                Arguments.of("www.jd.com", LinkKind.URL),
                Arguments.of("item.jd.com/100012.html", LinkKind.URL),
                Arguments.of("shop.example.com/item/1", LinkKind.URL),
                Arguments.of("ｗｗｗ．ｔａｏｂａｏ．ｃｏｍ", LinkKind.URL),
                Arguments.of("https：／／evil.com", LinkKind.URL),
                Arguments.of("https%3A%2F%2Fevil.com", LinkKind.URL),
                Arguments.of("https%3A%2F%2Fevil%2Ecom", LinkKind.URL),
                Arguments.of("https://liveloop.example.evil.com", LinkKind.URL),
                Arguments.of("evil.com:8080", LinkKind.URL),
                Arguments.of("//evil.com/x", LinkKind.URL),
                Arguments.of("taobao://item.taobao.com/item.htm?id=1", LinkKind.URL),
                Arguments.of("http://192.168.1.10/shop", LinkKind.URL),
                Arguments.of("https://例子.中国/店", LinkKind.URL),
                Arguments.of("hxxps://evil.com", LinkKind.URL),
                Arguments.of("www.taobao", LinkKind.URL),
                Arguments.of("https://liveloop.example/go?u=https%3A%2F%2Fevil.com", LinkKind.URL),
                Arguments.of("https://liveloop.example/?next=//evil.com", LinkKind.URL),
                Arguments.of("https://liveloop.example@evil.com/", LinkKind.URL),
                Arguments.of("http:/evil.com", LinkKind.URL),
                Arguments.of("Https : // evil.com", LinkKind.URL),
                Arguments.of("www。jd。com", LinkKind.URL),
                // bare domains, disguised or not
                Arguments.of("jd.com", LinkKind.DOMAIN),
                Arguments.of("TAOBAO.COM", LinkKind.DOMAIN),
                Arguments.of("taobao。com", LinkKind.DOMAIN),
                Arguments.of("taobao｡com", LinkKind.DOMAIN),
                Arguments.of("ｔａｏｂａｏ．ｃｏｍ", LinkKind.DOMAIN),
                Arguments.of("evil[.]com", LinkKind.DOMAIN),
                Arguments.of("taobao(.)com", LinkKind.DOMAIN),
                Arguments.of("taobao dot com", LinkKind.DOMAIN),
                Arguments.of("taobao点com", LinkKind.DOMAIN),
                Arguments.of("tao\u200Bbao.com", LinkKind.DOMAIN),
                Arguments.of("访问taobao.com购买", LinkKind.DOMAIN),
                Arguments.of("shop.taobao.com.今天上新", LinkKind.DOMAIN),
                Arguments.of("例子.中国", LinkKind.DOMAIN),
                Arguments.of("xn--fsqu00a.xn--fiqs8s", LinkKind.DOMAIN),
                Arguments.of("l\u0456veloop.example", LinkKind.DOMAIN), // Cyrillic і: a look-alike of our host
                Arguments.of("关注@taobao.com", LinkKind.DOMAIN),
                Arguments.of("evil&#46;com", LinkKind.DOMAIN),
                Arguments.of("evil . com", LinkKind.DOMAIN),
                Arguments.of("evil.co.uk", LinkKind.DOMAIN),
                Arguments.of("\uD835\uDC1E\uD835\uDC2F\uD835\uDC22\uD835\uDC25.com", LinkKind.DOMAIN), // bold math letters
                Arguments.of("ⓔⓥⓘⓛ.ⓒⓞⓜ", LinkKind.DOMAIN),
                // short links, even to somewhere that looks harmless
                Arguments.of("t.cn/A6abcd", LinkKind.SHORT_LINK),
                Arguments.of("bit.ly/3xYz", LinkKind.SHORT_LINK),
                Arguments.of("https://m.tb.cn/h.5abc", LinkKind.SHORT_LINK),
                Arguments.of("s.click.taobao.com/t?e=abc", LinkKind.SHORT_LINK),
                Arguments.of("u.jd.com/xYz12", LinkKind.SHORT_LINK),
                Arguments.of("https://v.douyin.com/iRNBho6u/", LinkKind.SHORT_LINK),
                Arguments.of("tinyurl.com/y6abc", LinkKind.SHORT_LINK),
                Arguments.of("amzn.to/3abc", LinkKind.SHORT_LINK),
                // share codes
                Arguments.of("￥AbCd1234￥", LinkKind.SHARE_CODE),
                Arguments.of("¥X7kP9mQ2¥", LinkKind.SHARE_CODE),
                Arguments.of("€AbCd1234€", LinkKind.SHARE_CODE),
                Arguments.of("$AbCd1234$", LinkKind.SHARE_CODE),
                Arguments.of("₤AbCd1234₤", LinkKind.SHARE_CODE),
                Arguments.of("￥ＡｂＣｄ１２３４￥", LinkKind.SHARE_CODE),
                Arguments.of("(AbCd1234)", LinkKind.SHARE_CODE),
                Arguments.of("（AbCd1234）", LinkKind.SHARE_CODE),
                Arguments.of("【Ab12Cd34Ef】", LinkKind.SHARE_CODE),
                Arguments.of("(ID4Z2DwxHRT)", LinkKind.SHARE_CODE),
                Arguments.of("₳QxUeCbNmWE₳", LinkKind.SHARE_CODE), // no digit, but not a word either
                // share phrases
                Arguments.of("复制这段描述￥AbCd1234￥后打开淘宝", LinkKind.SHARE_PHRASE),
                Arguments.of("复制这条信息，打开京东APP", LinkKind.SHARE_PHRASE),
                Arguments.of("打开【拼多多】查看", LinkKind.SHARE_PHRASE),
                Arguments.of("打开【淘宝】App", LinkKind.SHARE_PHRASE),
                Arguments.of("长按复制此条消息，去淘宝搜索", LinkKind.SHARE_PHRASE),
                Arguments.of("也可以去淘宝买", LinkKind.SHARE_PHRASE),
                Arguments.of("点击链接直接打开，或者淘宝搜索", LinkKind.SHARE_PHRASE),
                Arguments.of("Copy this message and open Taobao", LinkKind.SHARE_PHRASE));
    }

    @ParameterizedTest
    @MethodSource("allowedTexts")
    void allowsTextWithoutOutboundLinks(String text) {
        assertEquals(List.of(), POLICY.check(text));
        assertTrue(POLICY.allows(text));
    }

    @ParameterizedTest
    @MethodSource("rejectedTexts")
    void rejectsOutboundLinks(String text, LinkKind expected) {
        List<LinkViolation> violations = POLICY.check(text);

        assertTrue(violations.stream().anyMatch(v -> v.kind() == expected), () -> expected + " expected in " + violations);
        assertFalse(POLICY.allows(text));
    }

    @ParameterizedTest
    @MethodSource("rejectedTexts")
    void reportsSortedDisjointSpansOfTheOriginalText(String text, LinkKind ignored) {
        String surrounded = "前缀 " + text + " 后缀";
        List<LinkViolation> violations = POLICY.check(surrounded);

        assertFalse(violations.isEmpty());
        for (int i = 0; i < violations.size(); i++) {
            LinkViolation v = violations.get(i);
            assertEquals(surrounded.substring(v.start(), v.end()), v.text());
            if (i > 0) {
                assertTrue(violations.get(i - 1).end() <= v.start(), () -> "overlap in " + violations);
            }
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingToCheckInNullOrEmptyText(String text) {
        assertEquals(List.of(), POLICY.check(text));
        assertTrue(POLICY.allows(text));
    }

    @Nested
    class Spans {

        @Test
        void urlSpanExcludesTrailingSentencePunctuation() {
            assertEquals(
                    List.of(new LinkViolation(2, 35, LinkKind.URL, "https://shop.taobao.com/item?id=1")),
                    POLICY.check("买 https://shop.taobao.com/item?id=1 。"));
            assertEquals(
                    List.of(new LinkViolation(4, 21, LinkKind.URL, "http://evil.com/x")),
                    POLICY.check("see http://evil.com/x)."));
        }

        @Test
        void fullWidthHostIsReportedAtItsOriginalIndexes() {
            assertEquals(
                    List.of(new LinkViolation(2, 16, LinkKind.URL, "ｗｗｗ．ｔａｏｂａｏ．ｃｏｍ")),
                    POLICY.check("看看ｗｗｗ．ｔａｏｂａｏ．ｃｏｍ！"));
        }

        @Test
        void percentEncodedUrlIsReportedAsWritten() {
            // Decoded it is 16 chars long; the span covers the 22 chars the user typed.
            assertEquals(
                    List.of(new LinkViolation(3, 25, LinkKind.URL, "https%3A%2F%2Fevil.com")),
                    POLICY.check("go https%3A%2F%2Fevil.com now"));
        }

        @Test
        void spelledOutDotIsPartOfTheSpan() {
            assertEquals(
                    List.of(new LinkViolation(1, 11, LinkKind.DOMAIN, "evil[.]com")),
                    POLICY.check("去evil[.]com看"));
            assertEquals(
                    List.of(new LinkViolation(0, 14, LinkKind.DOMAIN, "taobao dot com")),
                    POLICY.check("taobao dot com"));
        }

        @Test
        void indexesAreUtf16SoEmojiCountTwice() {
            assertEquals(
                    List.of(new LinkViolation(4, 10, LinkKind.DOMAIN, "jd.com")),
                    POLICY.check("🔥🔥jd.com"));
        }

        @Test
        void chineseTextAroundAHostIsNotPartOfIt() {
            assertEquals(
                    List.of(new LinkViolation(2, 12, LinkKind.DOMAIN, "taobao.com")),
                    POLICY.check("访问taobao.com购买"));
            assertEquals(
                    List.of(new LinkViolation(0, 5, LinkKind.DOMAIN, "例子.中国")),
                    POLICY.check("例子.中国很好"));
        }

        @Test
        void redirectThroughAnAllowedHostReportsOnlyTheTarget() {
            assertEquals(
                    List.of(new LinkViolation(30, 52, LinkKind.URL, "https%3A%2F%2Fevil.com")),
                    POLICY.check("https://liveloop.example/go?u=https%3A%2F%2Fevil.com"));
        }

        @Test
        void shareCodeInsideAPhraseIsReportedOnItsOwn() {
            assertEquals(
                    List.of(
                            new LinkViolation(0, 6, LinkKind.SHARE_PHRASE, "复制这段描述"),
                            new LinkViolation(6, 16, LinkKind.SHARE_CODE, "￥AbCd1234￥"),
                            new LinkViolation(16, 21, LinkKind.SHARE_PHRASE, "后打开淘宝")),
                    POLICY.check("复制这段描述￥AbCd1234￥后打开淘宝"));
        }

        @Test
        void phraseAroundACodeIsSplitWithoutItsSeparators() {
            assertEquals(
                    List.of(
                            new LinkViolation(0, 2, LinkKind.SHARE_PHRASE, "复制"),
                            new LinkViolation(2, 12, LinkKind.SHARE_CODE, "￥AbCd1234￥"),
                            new LinkViolation(13, 21, LinkKind.SHARE_PHRASE, "打开【手机淘宝】")),
                    POLICY.check("复制￥AbCd1234￥，打开【手机淘宝】即可查看"));
        }

        @Test
        void aClosingBracketStaysWhenTheUrlOpenedIt() {
            assertEquals(
                    List.of(new LinkViolation(1, 31, LinkKind.URL, "https://shop.example.com/a_(b)")),
                    POLICY.check("(https://shop.example.com/a_(b))"));
        }

        @Test
        void everyViolationInOneTextIsReportedInOrder() {
            String text = "官网 www.jd.com，店铺 taobao.com，短链 t.cn/A6abcd，口令 ￥AbCd1234￥，邮箱 a@b.com";

            assertEquals(
                    List.of(
                            new LinkViolation(3, 13, LinkKind.URL, "www.jd.com"),
                            new LinkViolation(17, 27, LinkKind.DOMAIN, "taobao.com"),
                            new LinkViolation(31, 42, LinkKind.SHORT_LINK, "t.cn/A6abcd"),
                            new LinkViolation(46, 56, LinkKind.SHARE_CODE, "￥AbCd1234￥")),
                    POLICY.check(text));
        }

        @Test
        void urlIsReportedOnceNotAlsoAsItsDomain() {
            assertEquals(
                    List.of(new LinkViolation(0, 23, LinkKind.URL, "item.jd.com/100012.html")),
                    POLICY.check("item.jd.com/100012.html"));
        }
    }

    @Nested
    class AllowList {

        @Test
        void subdomainsOfAnAllowedHostPass() {
            LinkPolicy policy = new LinkPolicy(List.of("liveloop.example"));

            assertTrue(policy.allows("https://media.liveloop.example/img/1.jpg"));
            assertTrue(policy.allows("https://a.b.liveloop.example/x and cdn.liveloop.example/y.png"));
            assertTrue(policy.allows("LIVELOOP.EXAMPLE/Help"));
        }

        @Test
        void hostsThatMerelyContainAnAllowedHostAreRejected() {
            LinkPolicy policy = new LinkPolicy(List.of("liveloop.example"));

            assertEquals(LinkKind.URL, policy.check("https://liveloop.example.evil.com").get(0).kind());
            assertEquals(LinkKind.DOMAIN, policy.check("evilliveloop.example").get(0).kind());
            assertEquals(LinkKind.DOMAIN, policy.check("liveloop.example.evil.com").get(0).kind());
        }

        @Test
        void allowedHostsAreComparedCaseAndIdnInsensitively() {
            assertTrue(new LinkPolicy(List.of(" LiveLoop.Example ")).allows("https://LIVELOOP.example/x"));

            LinkPolicy idn = new LinkPolicy(List.of("例子.中国"));
            assertTrue(idn.allows("例子.中国"));
            assertTrue(idn.allows("https://xn--fsqu00a.xn--fiqs8s/abc"));
        }

        @Test
        void aShortenerIsRejectedEvenWhenAllowListed() {
            LinkPolicy policy = new LinkPolicy(List.of("t.cn", "tb.cn"));

            assertEquals(LinkKind.SHORT_LINK, policy.check("t.cn/A6abcd").get(0).kind());
            assertEquals(LinkKind.SHORT_LINK, policy.check("https://m.tb.cn/h.5abc").get(0).kind());
        }

        @Test
        void producerBuildsThePolicyFromConfig() {
            LinkPolicy policy = new LinkPolicyProducer().linkPolicy(() -> List.of("shop.liveloop.example"));

            assertTrue(policy.allows("https://img.shop.liveloop.example/1.png"));
            assertFalse(policy.allows("https://liveloop.example/1.png"));
        }
    }

    @Test
    void adversarialInputDoesNotBacktrackCatastrophically() {
        // A guard against pathological (quadratic or worse) behaviour, not a benchmark: each input is
        // ~20k chars, ten times a long description, and together they take well under a second.
        List<String> inputs = List.of(
                "a.".repeat(10_000),
                "a".repeat(20_000) + "!",
                "复制".repeat(10_000),
                "中".repeat(20_000) + ".com",
                "%E4".repeat(7_000),
                "https://" + "a-".repeat(10_000),
                "￥" + "a1".repeat(10_000) + "￥",
                " dot ".repeat(4_000) + "com");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> inputs.forEach(POLICY::check));
    }
}
