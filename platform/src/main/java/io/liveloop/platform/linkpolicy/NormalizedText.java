package io.liveloop.platform.linkpolicy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folded copy of user text in which disguised links look like plain ones, plus a map from every
 * folded character back to the span of the original text it came from.
 *
 * <p>Folding: percent-escapes are decoded, each code point goes through NFKC (full-width letters,
 * dots, slashes and colons become ASCII), ASCII is lower-cased, look-alike dots become {@code '.'},
 * invisible format characters (zero-width space, soft hyphen...) are dropped, and spelled-out dots
 * such as {@code [.]}, {@code (dot)} or {@code " dot com"} become {@code '.'}. Detection runs on the
 * folded text; reported spans are mapped back so callers can highlight the original.
 */
final class NormalizedText {

    /**
     * Written-out dots used to dodge link filters. Brackets make the intent unambiguous, so any
     * bracketed dot counts. A bare word ("taobao dot com", "taobao点com", "taobao . com") counts only
     * before one of the few TLDs people spell out this way: "polka dot top" is a garment, not a host.
     * HTML entities for '.' (&amp;#46;) count too.
     */
    private static final Pattern SPELLED_OUT_DOT = Pattern.compile(
            "\\s*+[\\[({<【〔「《]\\s*+(?:\\.|dot|点|點)\\s*+[\\])}>】〕」》]\\s*+"
                    + "|&(?:#0*+46|#x0*+2e|period);"
                    + "|(?<=[a-z0-9])(?:\\s++dot\\s++|\\s*+[点點]\\s*+|\\s++\\.\\s*+|\\.\\s++)"
                    + "(?=(?:com|net|org|cn)(?![a-z0-9]))");

    private static final BitSet SPELLED_OUT_DOT_STARTS = new BitSet();

    static {
        "[({<【〔「《.点點&".chars().forEach(SPELLED_OUT_DOT_STARTS::set);
    }

    /** Lazily filled NFKC results for the Basic Multilingual Plane (see {@link #nfkc(int)}). */
    private static final AtomicReferenceArray<String> BMP_NFKC = new AtomicReferenceArray<>(0x10000);

    private final String original;
    private final String text;
    /** {@code starts[i]} / {@code ends[i]}: span of the original text that folded char i came from. */
    private final int[] starts;
    private final int[] ends;
    /** Folded dots that were an ideographic full stop '。', which also ends ordinary Chinese sentences. */
    private final BitSet ideographicDots;

    private NormalizedText(String original, String text, int[] starts, int[] ends, BitSet ideographicDots) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.ideographicDots = ideographicDots;
    }

    static NormalizedText of(String original) {
        return replaceSpelledOutDots(fold(original));
    }

    /** The folded text that detection runs on. */
    String text() {
        return text;
    }

    /** Original start (inclusive) of the folded range starting at {@code from}. */
    int originalStart(int from) {
        return starts[from];
    }

    /** Original end (exclusive) of the folded range ending at {@code to} (exclusive, {@code to > 0}). */
    int originalEnd(int to) {
        return ends[to - 1];
    }

    /**
     * Runs {@code pattern} only at indexes of the folded text where {@code mayStartAt} holds, passing
     * each match (non-overlapping, left to right) to {@code action}. A cheap test of one char stands
     * in for trying every pattern at every index, which is what keeps a check well under a millisecond.
     * Bounds are transparent, so look-behinds still see the text before the index.
     */
    void forEachMatch(Pattern pattern, IntPredicate mayStartAt, Consumer<Matcher> action) {
        forEachMatchResuming(pattern, mayStartAt, m -> {
            action.accept(m);
            return m.end();
        });
    }

    /** As above, but {@code action} returns the index to scan on from (a match may give back its tail). */
    void forEachMatchResuming(Pattern pattern, IntPredicate mayStartAt, ToIntFunction<Matcher> action) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int i = 0;
        while (i < text.length()) {
            if (mayStartAt.test(i) && m.region(i, text.length()).lookingAt()) {
                i = Math.max(action.applyAsInt(m), i + 1);
            } else {
                i++;
            }
        }
    }

    /** The original text under the folded range [from, to). */
    String originalText(int from, int to) {
        return original.substring(originalStart(from), originalEnd(to));
    }

    /** A violation for the folded range [from, to), reported against the original text. */
    LinkViolation violation(int from, int to, LinkKind kind) {
        return new LinkViolation(originalStart(from), originalEnd(to), kind, originalText(from, to));
    }

    boolean isIdeographicDot(int index) {
        return ideographicDots.get(index);
    }

    private static NormalizedText fold(String original) {
        Builder out = new Builder(original, original.length() + 16);
        int i = 0;
        while (i < original.length()) {
            int codePoint;
            int next;
            int[] escaped = decodePercentEscape(original, i);
            if (escaped != null) {
                codePoint = escaped[0];
                next = escaped[1];
            } else {
                codePoint = original.codePointAt(i);
                next = i + Character.charCount(codePoint);
            }
            appendFolded(out, codePoint, i, next);
            i = next;
        }
        return out.build();
    }

    private static void appendFolded(Builder out, int codePoint, int start, int end) {
        if (codePoint < 0x80) {
            out.append(toLowerAscii((char) codePoint), start, end, false);
        } else if (codePoint == 0x3002 || codePoint == 0xFF61) {
            // '。' and its half-width form: a dot in "taobao。com", a sentence end in Chinese copy.
            out.append('.', start, end, true);
        } else if (codePoint >= 0xFF01 && codePoint <= 0xFF5E) {
            // Full-width ASCII block: the common case, mapped without a Normalizer round trip.
            out.append(toLowerAscii((char) (codePoint - 0xFEE0)), start, end, false);
        } else if (codePoint == 0x3000) {
            out.append(' ', start, end, false);
        } else if (isNfkcStableCjk(codePoint)) {
            out.append((char) codePoint, start, end, false);
        } else if (Character.getType(codePoint) == Character.FORMAT) {
            // Zero-width space/joiner, soft hyphen, BOM...: invisible, so only there to split a link.
        } else {
            String folded = nfkc(codePoint);
            for (int k = 0; k < folded.length(); k++) {
                char c = folded.charAt(k);
                out.append(c < 0x80 ? toLowerAscii(c) : c, start, end, c == 0x3002);
            }
        }
    }

    /**
     * NFKC of one code point. Chinese copy is full of punctuation (、「」《》“”—…) that would otherwise
     * cost a Normalizer call per character, so BMP results are remembered; emoji pass unchanged.
     */
    private static String nfkc(int codePoint) {
        if (codePoint >= 0x1F000 && codePoint <= 0x1FAFF) {
            return new String(Character.toChars(codePoint));
        }
        if (codePoint > 0xFFFF) {
            return Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        }
        String folded = BMP_NFKC.get(codePoint);
        if (folded == null) {
            folded = Normalizer.normalize(String.valueOf((char) codePoint), Normalizer.Form.NFKC);
            BMP_NFKC.set(codePoint, folded);
        }
        return folded;
    }

    /** Han ideographs and Hangul syllables are most of a Chinese/Korean description and never change. */
    private static boolean isNfkcStableCjk(int codePoint) {
        return (codePoint >= 0x4E00 && codePoint <= 0x9FFF) || (codePoint >= 0xAC00 && codePoint <= 0xD7A3);
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Decodes the percent-escape run starting at {@code index} into one code point (one escape for
     * ASCII, two to four for a UTF-8 sequence). Returns {codePoint, indexAfterEscapes}, or null when
     * there is no valid escape there, in which case the '%' stays literal ("100% cotton").
     */
    private static int[] decodePercentEscape(String s, int index) {
        int first = hexByte(s, index);
        if (first < 0) {
            return null;
        }
        if (first < 0x80) {
            return new int[] {first, index + 3};
        }
        int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 0;
        if (length == 0) {
            return null;
        }
        int codePoint = first & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int b = hexByte(s, index + 3 * k);
            if (b < 0x80 || b > 0xBF) {
                return null; // not a continuation byte: not UTF-8, leave the escapes as written
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        int smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (codePoint < smallest || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            return null;
        }
        return new int[] {codePoint, index + 3 * length};
    }

    private static int hexByte(String s, int index) {
        if (index + 3 > s.length() || s.charAt(index) != '%') {
            return -1;
        }
        int high = Character.digit(s.charAt(index + 1), 16);
        int low = Character.digit(s.charAt(index + 2), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    private static NormalizedText replaceSpelledOutDots(NormalizedText folded) {
        List<int[]> dots = new ArrayList<>();
        folded.forEachMatch(SPELLED_OUT_DOT, folded::maySpellOutADot, m -> dots.add(new int[] {m.start(), m.end()}));
        if (dots.isEmpty()) {
            return folded;
        }
        Builder out = new Builder(folded.original, folded.text.length());
        int copied = 0;
        for (int[] dot : dots) {
            folded.copyTo(out, copied, dot[0]);
            out.append('.', folded.starts[dot[0]], folded.ends[dot[1] - 1], false);
            copied = dot[1];
        }
        folded.copyTo(out, copied, folded.text.length());
        return out.build();
    }

    /** First char of a run of spaces, an opening bracket, a dot, 点, or an entity's '&'. */
    private boolean maySpellOutADot(int i) {
        char c = text.charAt(i);
        if (isRegexSpace(c)) {
            return i == 0 || !isRegexSpace(text.charAt(i - 1));
        }
        return SPELLED_OUT_DOT_STARTS.get(c);
    }

    /** What {@code \s} matches (NFKC has already turned the Unicode spaces into ' '). */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private void copyTo(Builder out, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(text.charAt(i), starts[i], ends[i], ideographicDots.get(i));
        }
    }

    private static final class Builder {
        private final String original;
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;
        private final BitSet ideographicDots = new BitSet();

        Builder(String original, int capacity) {
            this.original = original;
            this.text = new StringBuilder(capacity);
            this.starts = new int[capacity];
            this.ends = new int[capacity];
        }

        void append(char c, int originalStart, int originalEnd, boolean ideographicDot) {
            int i = text.length();
            if (i == starts.length) {
                starts = Arrays.copyOf(starts, i * 2 + 16);
                ends = Arrays.copyOf(ends, i * 2 + 16);
            }
            text.append(c);
            starts[i] = originalStart;
            ends[i] = originalEnd;
            if (ideographicDot) {
                ideographicDots.set(i);
            }
        }

        NormalizedText build() {
            return new NormalizedText(original, text.toString(), starts, ends, ideographicDots);
        }
    }
}
