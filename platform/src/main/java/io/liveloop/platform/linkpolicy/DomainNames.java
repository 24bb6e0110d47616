package io.liveloop.platform.linkpolicy;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the link policy knows about host names: which last labels are real-looking TLDs, which hosts
 * are URL shorteners, and how to compare hosts (IDN to ASCII, subdomain-aware).
 */
final class DomainNames {

    /**
     * TLDs that make a bare {@code word.tld} a domain. Deliberately not every delegated TLD: labels
     * that are also common file extensions (md, zip, mov, py, rs, sh, pl) or English words that end
     * up after a missing space (it, is, in, to, at, be, us, no, so, do, my, go, id, buy, now, pro as
     * in "iPhone15.Pro", ltd as in "Co.Ltd", design as in "Red Dot Design", wang as in "Dr.Wang")
     * would flag ordinary product copy. Shortener hosts on such TLDs (amzn.to, lnkd.in, s.id...) are
     * caught by {@link #SHORTENERS} instead.
     */
    private static final Set<String> TLDS = Set.of(
            // generic
            "com", "net", "org", "edu", "gov", "int", "info", "biz", "mobi", "asia", "tel",
            "io", "co", "ai", "app", "dev", "me", "tv", "cc", "ws", "fm", "la", "ly", "gg", "im", "vc",
            "xyz", "top", "shop", "store", "online", "site", "website", "club", "vip", "icu", "cyou",
            "link", "click", "live", "life", "world", "fun", "ink", "red", "tech", "space",
            "press", "news", "blog", "cloud", "today", "work", "win", "bid", "loan", "kim", "plus",
            "group", "company", "market", "mall", "sale", "deals", "promo", "coupons", "fashion",
            "boutique", "jewelry", "clothing", "shoes", "gifts", "toys", "baby", "beauty", "makeup",
            "games", "video", "music", "studio", "media", "digital", "network", "host", "lol", "pub",
            "cafe", "shopping", "buzz", "tk", "ml", "ga", "cf", "gq",
            // country codes
            "cn", "hk", "tw", "mo", "jp", "kr", "sg", "th", "vn", "ph", "kh", "au", "nz", "uk",
            "de", "fr", "es", "nl", "eu", "ch", "se", "ru", "ua", "kz", "ca", "mx", "br", "ar", "cl");

    /** Internationalised TLDs, matched as a prefix of the last label because Chinese has no spaces. */
    private static final List<String> IDN_TLDS = List.of(
            "中文网", "我爱你", "新加坡", "中国", "中國", "公司", "网络", "網絡", "在线", "商城", "网店",
            "网址", "商店", "购物", "集团", "手机", "香港", "台湾", "台灣", "游戏", "企业", "娱乐",
            "时尚", "信息", "网站");

    /**
     * TLDs trusted after an ideographic full stop '。'. That character ends most Chinese sentences,
     * so "Buy now。Shop today" must not become the host now.shop; "taobao。com" still does.
     */
    private static final Set<String> TLDS_AFTER_IDEOGRAPHIC_DOT = Set.of(
            "com", "net", "org", "cn", "hk", "tw", "jp", "kr", "io", "co", "cc", "tv", "xyz", "info", "biz");

    /**
     * TLDs that are also English words. "Perfect for your baby.Toys included" is a sentence with a
     * missing space, not the host baby.toys: such a bare domain with a capitalised word after the dot
     * is let through (see {@link LinkFinder}).
     */
    private static final Set<String> WORD_TLDS = Set.of(
            "app", "me", "top", "shop", "store", "online", "site", "website", "club", "link", "click",
            "live", "life", "world", "fun", "ink", "red", "tech", "space", "press", "news", "blog",
            "cloud", "today", "work", "win", "bid", "loan", "plus", "group", "company", "market", "mall",
            "sale", "deals", "promo", "coupons", "fashion", "boutique", "jewelry", "clothing", "shoes",
            "gifts", "toys", "baby", "beauty", "makeup", "games", "video", "music", "studio", "media",
            "digital", "network", "host", "pub", "cafe", "shopping", "buzz", "kim");

    /** Shortener hosts, none over four labels; a subdomain of one (m.tb.cn) is a shortener too. Always rejected. */
    private static final List<String> SHORTENERS = List.of(
            "t.cn", "url.cn", "dwz.cn", "3.cn", "tb.cn", "suo.im", "mrw.so", "sina.lt",
            "s.click.taobao.com", "u.jd.com", "v.douyin.com", "v.kuaishou.com", "xhslink.com", "b23.tv",
            "bit.ly", "tinyurl.com", "goo.gl", "is.gd", "v.gd", "ow.ly", "buff.ly", "t.co", "t.ly",
            "cutt.ly", "rebrand.ly", "rb.gy", "tiny.cc", "shorturl.at", "s.id", "lnkd.in", "amzn.to",
            "a.co", "youtu.be");

    private DomainNames() {
    }

    static boolean isTld(String label) {
        return TLDS.contains(label) || isPunycode(label) || IDN_TLDS.contains(label);
    }

    static boolean isTrustedAfterIdeographicDot(String tld) {
        return TLDS_AFTER_IDEOGRAPHIC_DOT.contains(tld) || isPunycode(tld);
    }

    static boolean isEnglishWord(String tld) {
        return WORD_TLDS.contains(tld);
    }

    private static boolean isPunycode(String label) {
        return label.startsWith("xn--") && label.length() > 4;
    }

    /** Length of the IDN TLD that {@code label} starts with, 0 if none ("中国制造" → 2). */
    static int idnTldPrefixLength(String label) {
        for (String tld : IDN_TLDS) {
            if (label.startsWith(tld)) {
                return tld.length();
            }
        }
        return 0;
    }

    /** Works on the ASCII form or as written: every shortener is ASCII, matched as a suffix. */
    static boolean isShortener(String asciiHost) {
        for (String shortener : SHORTENERS) {
            if (isSameOrSubdomain(asciiHost, shortener)) {
                return true;
            }
        }
        return false;
    }

    /** {@code media.liveloop.example} is under {@code liveloop.example}; {@code liveloop.example.evil.com} is not. */
    static boolean isSameOrSubdomain(String host, String domain) {
        return host.equals(domain)
                || (host.length() > domain.length()
                        && host.endsWith(domain)
                        && host.charAt(host.length() - domain.length() - 1) == '.');
    }

    /**
     * Canonical ASCII form for comparing hosts: lower case, no trailing dot, IDN labels as punycode,
     * so 例子.中国 and xn--fsqu00a.xn--fiqs8s compare equal. A host IDN rejects (a label over 63
     * characters, say) is compared as written: it is still not on the allow-list.
     */
    static String toAscii(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.chars().allMatch(c -> c < 0x80)) {
            return h;
        }
        try {
            return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }
}
