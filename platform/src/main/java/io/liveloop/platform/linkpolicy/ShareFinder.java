package io.liveloop.platform.linkpolicy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the other way stores are linked without a URL: share tokens (Taobao's 淘口令 and its
 * imitators) and the wording that tells buyers to copy one and open another app.
 */
final class ShareFinder {

    /** Currency signs the share-token formats wrap around a token (after NFKC, so ￥ is ¥ and ＄ is $). */
    private static final String CURRENCY_SIGNS = "¥€$₤£₴¢₰₳₹₽¤₵";
    /** After NFKC, so （ is ( as well. */
    private static final String OPENING_BRACKETS = "([【「{〔";
    private static final String TOKEN = "(?<token>[a-z0-9]{8,14}+)";

    private static final Pattern CURRENCY_TOKEN = Pattern.compile(
            "[" + CURRENCY_SIGNS + "]\\s?+" + TOKEN + "\\s?+[" + CURRENCY_SIGNS + "]");
    private static final Pattern BRACKETED_TOKEN =
            Pattern.compile("[(\\[【「{〔]\\s?+" + TOKEN + "\\s?+[)\\]】」}〕]");

    private static final String STORE = "(?:手机)?(?:淘宝|taobao|天猫|tmall|京东|jd|拼多多|pdd|闲鱼|咸鱼|淘特|点淘"
            + "|抖音|快手|唯品会|苏宁(?:易购)?|得物|小红书|1688|阿里巴巴|美团|亚马逊|amazon)";
    private static final String OPEN_BRACKET = "[【\\[(「《]";
    private static final String CLOSE_BRACKET = "[】\\])」》]";
    private static final String APP = "(?:\\s*+(?:app|客户端|手机版|应用))?";

    private static final List<Phrase> PHRASES = List.of(
            // 复制这段描述￥AbCd1234￥后打开淘宝 / 长按复制此条消息，去京东APP
            new Phrase("长复", "(?:长按)?复制[^\\n]{0,60}?(?:打开|去|到|进入|登录|登陆|上)\\s*+(?:"
                    + OPEN_BRACKET + "\\s*+)?" + STORE + "(?:\\s*+" + CLOSE_BRACKET + ")?" + APP),
            // 打开【淘宝】App / 打开【拼多多】查看
            new Phrase("打", "打开\\s*+" + OPEN_BRACKET + "\\s*+" + STORE + "\\s*+" + CLOSE_BRACKET + APP),
            // 打开京东APP / 去淘宝搜索 / 上拼多多下单 / 去淘宝买
            new Phrase("打去到上进", "(?:打开|去|到|上|进)\\s*+" + STORE
                    + "\\s*+(?:app|客户端|手机版|应用|搜索|搜|下单|领券|购买|买|查看|店铺|旗舰店)"),
            // 或者淘宝搜索 / 在京东搜
            new Phrase("或在", "(?:或者?|在)\\s*+" + STORE + "\\s*+(?:app\\s*+)?(?:搜索|搜)"),
            // copy this message and open Taobao / open the JD app
            new Phrase("c", "\\bcopy (?:this|the) (?:text|message|code|link|description|token)[^\\n]{0,60}?"
                    + "\\b(?:open|go to|paste (?:it )?(?:in|into)) (?:the )?" + STORE + "\\b(?: app)?"),
            new Phrase("o", "\\bopen (?:the )?" + STORE + " app\\b"));

    private static final BitSet CURRENCY_SIGN_CHARS = charSet(CURRENCY_SIGNS);
    private static final BitSet OPENING_BRACKET_CHARS = charSet(OPENING_BRACKETS);

    /** A phrase pattern and the chars it can start with, so it is tried only there. */
    private record Phrase(BitSet firstChars, Pattern pattern) {
        Phrase(String firstChars, String regex) {
            this(charSet(firstChars), Pattern.compile(regex));
        }
    }

    private static BitSet charSet(String chars) {
        BitSet set = new BitSet();
        chars.chars().forEach(set::set);
        return set;
    }

    List<LinkViolation> findShareCodes(NormalizedText nt) {
        List<LinkViolation> found = new ArrayList<>();
        String n = nt.text();
        nt.forEachMatch(CURRENCY_TOKEN, i -> CURRENCY_SIGN_CHARS.get(n.charAt(i)), m -> {
            if (looksLikeCurrencyToken(writtenToken(nt, m))) {
                found.add(nt.violation(m.start(), m.end(), LinkKind.SHARE_CODE));
            }
        });
        nt.forEachMatch(BRACKETED_TOKEN, i -> OPENING_BRACKET_CHARS.get(n.charAt(i)), m -> {
            if (looksLikeBracketedToken(writtenToken(nt, m))) {
                found.add(nt.violation(m.start(), m.end(), LinkKind.SHARE_CODE));
            }
        });
        return found;
    }

    List<LinkViolation> findSharePhrases(NormalizedText nt) {
        List<LinkViolation> found = new ArrayList<>();
        String n = nt.text();
        for (Phrase phrase : PHRASES) {
            nt.forEachMatch(phrase.pattern(), i -> phrase.firstChars().get(n.charAt(i)),
                    m -> found.add(nt.violation(m.start(), m.end(), LinkKind.SHARE_PHRASE)));
        }
        return found;
    }

    /** The folded text is lower-cased; the mix of cases is judged on what the user wrote. */
    private static String writtenToken(NormalizedText nt, Matcher m) {
        return nt.originalText(m.start("token"), m.end("token"));
    }

    /**
     * Between two currency signs a random-looking token is rarely anything else: letters with digits
     * (AbCd1234, X7kP9mQ2), or letters in both cases beyond a capitalised word (QxUeCbNmWE).
     * Digits alone (¥12345678¥) are not a token: real tokens carry letters, prices do not.
     */
    private static boolean looksLikeCurrencyToken(String token) {
        CharClasses c = CharClasses.of(token);
        return c.letters > 0 && (c.digits > 0 || (c.upper >= 2 && c.lower >= 2));
    }

    /**
     * Brackets also hold model names and SKUs in product titles — 【iPhone15Pro】, (SKU20240601) —
     * so a bracketed token must mix upper case, lower case and digits, with no run of four lower-case
     * letters (a word).
     */
    private static boolean looksLikeBracketedToken(String token) {
        CharClasses c = CharClasses.of(token);
        return c.upper > 0 && c.lower > 0 && c.digits > 0 && c.longestLowerRun < 4;
    }

    private record CharClasses(int letters, int digits, int upper, int lower, int longestLowerRun) {

        static CharClasses of(String token) {
            int letters = 0;
            int digits = 0;
            int upper = 0;
            int lower = 0;
            int run = 0;
            int longestRun = 0;
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (Character.isDigit(c)) {
                    digits++;
                } else if (Character.isLetter(c)) {
                    letters++;
                }
                if (Character.isUpperCase(c)) {
                    upper++;
                } else if (Character.isLowerCase(c)) {
                    lower++;
                }
                run = Character.isLowerCase(c) ? run + 1 : 0;
                longestRun = Math.max(longestRun, run);
            }
            return new CharClasses(letters, digits, upper, lower, longestRun);
        }
    }
}
