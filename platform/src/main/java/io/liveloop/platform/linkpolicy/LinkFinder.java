package io.liveloop.platform.linkpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds URLs, bare domains and short links in {@link NormalizedText}, skipping allow-listed hosts.
 *
 * <p>Two passes. Links with a scheme are read first: whatever follows {@code https://} is a link,
 * whether or not its host has a known TLD. Then bare hosts ({@code jd.com}, {@code www.jd.com},
 * {@code item.jd.com/1.html}) are found by shape and kept only when their last label is a real TLD,
 * which is what keeps version numbers, prices, decimals and file names out.
 */
final class LinkFinder {

    // Label letters for hosts after a scheme, split by script like Labels below, so that in
    // "https://evil.com购买" the Chinese after the host is not read as part of it.
    private static final String LATIN = "a-z0-9_\\p{IsLatin}\\p{IsCyrillic}\\p{IsGreek}";
    private static final String LABEL = "(?:[" + LATIN + "][" + LATIN + "\\-\\p{Mn}]{0,62}+"
            + "|[\\p{L}\\p{N}&&[^\\x00-\\x7f\\p{IsLatin}\\p{IsCyrillic}\\p{IsGreek}]]{1,63}+)";
    private static final String PATH_CHARS = "[a-z0-9\\-._~:/\\\\?#\\[\\]@!$&'()*+,;=%]";

    /** {@code https://}, sloppy variants ({@code https:/}, {@code hxxp://}) and app deep links ({@code taobao://}). */
    private static final String SCHEME = "(?<![a-z0-9+.\\-])(?:"
            + "(?:https?|hxxps?|ftps?)\\s*+:\\s*+[/\\\\]{1,3}+"
            + "|[a-z][a-z0-9+.\\-]{1,30}+:[/\\\\]{2,3}+)\\s*+";

    /** After a scheme the host may be anything (localhost, an IP, a Chinese name): no TLD needed. */
    private static final Pattern SCHEMED_URL = Pattern.compile(SCHEME
            + "(?:[a-z0-9._~%!$&'*+,;=:\\-]*+@)?"                                 // user info
            + "(?<host>" + LABEL + "(?:\\." + LABEL + ")*+|\\[[0-9a-f:.]++\\])?"      // host or [IPv6]
            + "(?::\\d{1,5}+)?"
            + "(?:[/\\\\?#]" + PATH_CHARS + "*+)?");

    private static final Pattern PORT_AND_PATH =
            Pattern.compile("(?::\\d{1,5}+)?(?:[/\\\\?#]" + PATH_CHARS + "*+)?");

    /** How far after a scheme's first letter its ':' may be: the longest scheme accepted, plus spacing. */
    private static final int MAX_SCHEME_LENGTH = 40;

    private final List<String> allowedHosts;
    private final Set<String> allowedTlds;
    private final Predicate<String> knownTld = this::isKnownTld;

    LinkFinder(List<String> allowedHosts, Set<String> allowedTlds) {
        this.allowedHosts = allowedHosts;
        this.allowedTlds = allowedTlds;
    }

    List<LinkViolation> find(NormalizedText nt) {
        List<LinkViolation> found = new ArrayList<>();
        List<int[]> claimed = new ArrayList<>();
        findSchemedUrls(nt, found, claimed);
        findBareHosts(nt, found, claimed);
        return found;
    }

    /**
     * Anything after a scheme is a link. An allow-listed one claims only its scheme and host, so a
     * redirect such as {@code https://liveloop.example/go?u=https%3A%2F%2Fevil.com} is still caught.
     */
    private void findSchemedUrls(NormalizedText nt, List<LinkViolation> found, List<int[]> claimed) {
        String n = nt.text();
        nt.forEachMatchResuming(SCHEMED_URL, i -> mayStartScheme(n, i), m -> {
            String host = m.group("host") == null ? "" : DomainNames.toAscii(m.group("host"));
            boolean shortener = DomainNames.isShortener(host);
            if (!shortener && isAllowed(host)) {
                // Claim scheme and host only: the path is scanned on, for links smuggled into it.
                claimed.add(new int[] {m.start(), m.end("host")});
                return m.end("host");
            }
            int end = trimTrailingPunctuation(n, m.start(), m.end());
            found.add(nt.violation(m.start(), end, shortener ? LinkKind.SHORT_LINK : LinkKind.URL));
            claimed.add(new int[] {m.start(), end});
            return end;
        });
    }

    /** A scheme is a word starting with a letter and followed, perhaps after spaces, by ':'. */
    private static boolean mayStartScheme(String n, int i) {
        char c = n.charAt(i);
        if (c < 'a' || c > 'z' || (i > 0 && isSchemeChar(n.charAt(i - 1)))) {
            return false;
        }
        for (int k = i + 1; k < n.length() && k - i <= MAX_SCHEME_LENGTH; k++) {
            char next = n.charAt(k);
            if (next == ':') {
                return true;
            }
            if (!isSchemeChar(next) && !Character.isWhitespace(next)) {
                return false;
            }
        }
        return false;
    }

    private static boolean isSchemeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
    }

    /**
     * Walks the text dot by dot: a host is labels joined by dots, so only the letters around each
     * dot need reading, and each is read once.
     */
    private void findBareHosts(NormalizedText nt, List<LinkViolation> found, List<int[]> claimed) {
        String n = nt.text();
        int searchFrom = 0;
        for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', searchFrom)) {
            if (endsChineseSentence(nt, dot)) {
                searchFrom = dot + 1;
                continue;
            }
            int start = Labels.startBefore(n, dot);
            if (start == dot) {
                searchFrom = dot + 1;
                continue;
            }
            int end = dot;
            while (end < n.length() && n.charAt(end) == '.') {
                int labelEnd = Labels.endAfter(n, end + 1);
                if (labelEnd == end + 1) {
                    break;
                }
                end = labelEnd;
            }
            searchFrom = Math.max(end, dot + 1);
            if (end > dot) {
                checkBareHost(nt, start, end, found, claimed);
            }
        }
    }

    /** A '。' with Chinese on either side ends a sentence; no host spans it. Most dots in Chinese copy are these. */
    private static boolean endsChineseSentence(NormalizedText nt, int dot) {
        String n = nt.text();
        return nt.isIdeographicDot(dot)
                && ((dot > 0 && Labels.isOtherScriptChar(n.charAt(dot - 1)))
                        || (dot + 1 < n.length() && Labels.isOtherScriptChar(n.charAt(dot + 1))));
    }

    private void checkBareHost(NormalizedText nt, int runStart, int runEnd, List<LinkViolation> found, List<int[]> claimed) {
        String n = nt.text();
        HostCandidate host = HostCandidate.parse(nt, runStart, runEnd, knownTld);
        if (host == null || isClaimed(claimed, host.start, host.end) || isPartOfEmail(n, host.start, host.end)) {
            return;
        }
        boolean shortener = DomainNames.isShortener(host.name);
        if (!shortener && (!looksLikeHost(nt, host) || isAllowed(DomainNames.toAscii(host.name)))) {
            return;
        }
        int start = n.startsWith("//", host.start - 2) ? host.start - 2 : host.start;
        Matcher tail = PORT_AND_PATH.matcher(n).region(host.end, n.length());
        int end = tail.lookingAt() ? trimTrailingPunctuation(n, host.end, tail.end()) : host.end;
        boolean urlShaped = start < host.start || end > host.end || host.name.startsWith("www.");
        LinkKind kind = shortener ? LinkKind.SHORT_LINK : urlShaped ? LinkKind.URL : LinkKind.DOMAIN;
        if (kind == LinkKind.DOMAIN && isSentenceWithMissingSpace(nt, host)) {
            return;
        }
        found.add(nt.violation(start, end, kind));
    }

    /** The last label must be a TLD; "www." alone is enough, since nobody writes www.x by accident. */
    private boolean looksLikeHost(NormalizedText nt, HostCandidate host) {
        String tld = host.lastLabel();
        if (!isKnownTld(tld) && !host.name.startsWith("www.")) {
            return false;
        }
        return !host.hasIdeographicDot(nt) || DomainNames.isTrustedAfterIdeographicDot(tld);
    }

    private boolean isKnownTld(String label) {
        return DomainNames.isTld(label) || allowedTlds.contains(label);
    }

    /**
     * "baby.Toys included": an English-word TLD written capitalised after a lower-case letter or a
     * digit is a sentence missing its space. Only for bare domains; with www., a scheme or a path
     * it is a link.
     */
    private static boolean isSentenceWithMissingSpace(NormalizedText nt, HostCandidate host) {
        String tld = host.lastLabel();
        if (!DomainNames.isEnglishWord(tld)) {
            return false;
        }
        int dot = host.end - tld.length() - 1;
        String written = nt.originalText(dot + 1, host.end);
        String before = nt.originalText(dot - 1, dot);
        char lastBefore = before.charAt(before.length() - 1);
        return written.length() == tld.length()
                && Character.isUpperCase(written.charAt(0))
                && written.substring(1).chars().allMatch(Character::isLowerCase)
                && (Character.isLowerCase(lastBefore) || Character.isDigit(lastBefore));
    }

    /** An e-mail address names a mailbox, not a storefront: skip its domain and its local part. */
    private static boolean isPartOfEmail(String n, int start, int end) {
        boolean isDomain = start >= 2 && n.charAt(start - 1) == '@' && isEmailLocalChar(n.charAt(start - 2));
        boolean isLocalPart = end < n.length() && n.charAt(end) == '@';
        return isDomain || isLocalPart;
    }

    private static boolean isEmailLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._%+-".indexOf(c) >= 0;
    }

    private boolean isAllowed(String asciiHost) {
        for (String allowed : allowedHosts) {
            if (DomainNames.isSameOrSubdomain(asciiHost, allowed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClaimed(List<int[]> claimed, int start, int end) {
        for (int[] range : claimed) {
            if (start < range[1] && range[0] < end) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sentence punctuation right after a link is not part of it: "see evil.com/x)." ends at x. A
     * closing bracket stays when the link opened it, as in /wiki/Foo_(bar).
     */
    private static int trimTrailingPunctuation(String n, int start, int end) {
        int unclosedParens = 0;
        int unclosedBrackets = 0;
        for (int i = start; i < end; i++) {
            char c = n.charAt(i);
            unclosedParens += c == '(' ? 1 : c == ')' ? -1 : 0;
            unclosedBrackets += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        while (end > start) {
            char c = n.charAt(end - 1);
            boolean closesOwnBracket = (c == ')' && unclosedParens >= 0) || (c == ']' && unclosedBrackets >= 0);
            if (".,;:!?'\")]}>*".indexOf(c) < 0 || closesOwnBracket) {
                break;
            }
            unclosedParens += c == ')' ? 1 : 0;
            unclosedBrackets += c == ']' ? 1 : 0;
            end--;
        }
        return end;
    }

    /**
     * A run of dot-separated labels narrowed to the host it most plausibly is: cut at a '。' that
     * ends a Chinese sentence, then at the rightmost label that is a TLD or makes a shortener host.
     */
    private static final class HostCandidate {
        final String name;
        final int start;
        final int end;

        private HostCandidate(String name, int start, int end) {
            this.name = name;
            this.start = start;
            this.end = end;
        }

        /**
         * Null when fewer than two labels are left after a sentence-ending '。'. Otherwise a host,
         * even one without a TLD (2.3.1), which the caller then judges.
         */
        static HostCandidate parse(NormalizedText nt, int matchStart, int matchEnd, Predicate<String> isTld) {
            String n = nt.text();
            List<int[]> labels = new ArrayList<>();
            int labelStart = matchStart;
            for (int i = matchStart; i <= matchEnd; i++) {
                if (i == matchEnd || n.charAt(i) == '.') {
                    labels.add(new int[] {labelStart, i});
                    labelStart = i + 1;
                }
            }
            int first = firstLabelAfterChineseSentenceEnd(nt, labels);
            if (labels.size() - first < 2) {
                return null;
            }
            int hostStart = labels.get(first)[0];
            for (int last = labels.size() - 1; last > first; last--) {
                int[] label = labels.get(last);
                int end = label[1];
                if (!Labels.isLatinScript(n.charAt(label[0]))) {
                    // "例子.中国很好": the TLD runs straight into the next Chinese words.
                    int prefix = DomainNames.idnTldPrefixLength(n.substring(label[0], label[1]));
                    if (prefix == 0) {
                        continue;
                    }
                    end = label[0] + prefix;
                }
                // No shortener host has more than four labels, so its last four decide.
                int suffixStart = labels.get(Math.max(first, last - 3))[0];
                if (isTld.test(n.substring(label[0], end))
                        || DomainNames.isShortener(n.substring(suffixStart, end))) {
                    return new HostCandidate(n.substring(hostStart, end), hostStart, end);
                }
            }
            // No TLD anywhere: keep the whole run, which only a "www." prefix can still make a link.
            return new HostCandidate(n.substring(hostStart, matchEnd), hostStart, matchEnd);
        }

        /** "夏季新款。中国制造": a '。' next to a Chinese label ends a sentence; the host can only start after it. */
        private static int firstLabelAfterChineseSentenceEnd(NormalizedText nt, List<int[]> labels) {
            String n = nt.text();
            int first = 0;
            for (int i = 0; i + 1 < labels.size(); i++) {
                int dot = labels.get(i)[1];
                boolean chineseNeighbour = !Labels.isLatinScript(n.charAt(labels.get(i)[0]))
                        || !Labels.isLatinScript(n.charAt(labels.get(i + 1)[0]));
                if (nt.isIdeographicDot(dot) && chineseNeighbour) {
                    first = i + 1;
                }
            }
            return first;
        }

        String lastLabel() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        boolean hasIdeographicDot(NormalizedText nt) {
            for (int i = start; i < end; i++) {
                if (nt.isIdeographicDot(i)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Where host labels begin and end. Latin, Cyrillic and Greek letters may mix within a label (so a
     * homograph like "lіveloop" with a Cyrillic і stays one label); other scripts form labels of their
     * own, because Chinese has no spaces and "访问taobao.com" must yield the host taobao.com.
     */
    private static final class Labels {

        /**
         * A DNS label is at most 63 chars, so no label is read further. Chinese runs on without
         * spaces, and IDN encoding is quadratic in label length, so this also bounds the work.
         */
        private static final int MAX_LABEL_LENGTH = 63;

        /** Start of the label that ends at {@code dot}; {@code dot} itself when there is none. */
        static int startBefore(String n, int dot) {
            if (dot == 0) {
                return dot;
            }
            int i = dot;
            if (isOtherScriptChar(n.charAt(dot - 1))) {
                while (i > 0 && dot - i < MAX_LABEL_LENGTH && isOtherScriptChar(n.charAt(i - 1))) {
                    i--;
                }
                return i;
            }
            while (i > 0 && dot - i < MAX_LABEL_LENGTH && isLatinLabelChar(n.charAt(i - 1))) {
                i--;
            }
            while (i < dot && !isLatinLabelStart(n.charAt(i))) {
                i++; // a label does not start with '-' or a combining mark
            }
            return i;
        }

        /** End of the label that starts at {@code from}; {@code from} itself when there is none. */
        static int endAfter(String n, int from) {
            int i = from;
            int limit = Math.min(n.length(), from + MAX_LABEL_LENGTH);
            if (i < limit && isLatinLabelStart(n.charAt(i))) {
                while (i < limit && isLatinLabelChar(n.charAt(i))) {
                    i++;
                }
            } else {
                while (i < limit && isOtherScriptChar(n.charAt(i))) {
                    i++;
                }
            }
            return i;
        }

        static boolean isLatinScript(char c) {
            if (c < 0x80) {
                return true;
            }
            if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)) {
                return false; // CJK and Hangul, the bulk of non-ASCII text here, without a script lookup
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            return script == Character.UnicodeScript.LATIN
                    || script == Character.UnicodeScript.CYRILLIC
                    || script == Character.UnicodeScript.GREEK;
        }

        private static boolean isLatinLabelStart(char c) {
            return c < 0x80
                    ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    : Character.isLetterOrDigit(c) && isLatinScript(c);
        }

        private static boolean isLatinLabelChar(char c) {
            return isLatinLabelStart(c) || c == '-' || (c >= 0x80 && Character.getType(c) == Character.NON_SPACING_MARK);
        }

        static boolean isOtherScriptChar(char c) {
            return c >= 0x80 && Character.isLetterOrDigit(c) && !isLatinScript(c);
        }
    }
}
