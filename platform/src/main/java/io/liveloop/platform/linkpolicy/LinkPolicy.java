package io.liveloop.platform.linkpolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The platform's ban on outbound commerce links (DESIGN §6 "Link policy"): finds, in user-visible
 * text, links to hosts outside the allow-list, short links, other stores' share codes and the wording
 * that goes with them, and reports each offending span against the original text.
 *
 * <p>Detection runs on a folded copy of the text ({@link NormalizedText}) so that full-width,
 * percent-encoded and look-alike-dot disguises read like ordinary links. Immutable and thread-safe.
 */
public final class LinkPolicy {

    /** Most specific first: which kind to keep when two equally long spans compete. */
    private static final Comparator<LinkViolation> LONGEST_FIRST = Comparator
            .comparingInt(LinkViolation::length).reversed()
            .thenComparing(LinkViolation::kind)
            .thenComparingInt(LinkViolation::start);

    private final LinkFinder links;
    private final ShareFinder shares = new ShareFinder();

    /**
     * @param allowedHosts the platform's own hosts; each also allows its subdomains, so
     *                     {@code liveloop.example} allows {@code media.liveloop.example}
     */
    public LinkPolicy(Collection<String> allowedHosts) {
        Objects.requireNonNull(allowedHosts, "allowedHosts");
        List<String> hosts = new ArrayList<>();
        Set<String> tlds = new HashSet<>();
        for (String host : allowedHosts) {
            String ascii = host == null ? "" : DomainNames.toAscii(host.strip().replaceFirst("^\\*?\\.", ""));
            if (!ascii.isEmpty()) {
                hosts.add(ascii);
                // The platform may live on a TLD the generic list lacks (.example in tests and dev);
                // knowing it lets a look-alike such as lіveloop.example be caught.
                tlds.add(ascii.substring(ascii.lastIndexOf('.') + 1));
            }
        }
        this.links = new LinkFinder(List.copyOf(hosts), Set.copyOf(tlds));
    }

    /**
     * Every outbound commerce link in {@code text}, sorted by start; spans never overlap.
     * Null or empty text has none.
     */
    public List<LinkViolation> check(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        NormalizedText normalized = NormalizedText.of(text);
        List<LinkViolation> specific = new ArrayList<>(links.find(normalized));
        specific.addAll(shares.findShareCodes(normalized));
        List<LinkViolation> result = keepLongestNonOverlapping(specific);
        for (LinkViolation phrase : keepLongestNonOverlapping(shares.findSharePhrases(normalized))) {
            result.addAll(phraseOutside(phrase, result, text));
        }
        result.sort(Comparator.comparingInt(LinkViolation::start));
        return List.copyOf(result);
    }

    /** True when {@code text} carries no outbound commerce link. */
    public boolean allows(String text) {
        return check(text).isEmpty();
    }

    /** A URL wholly contains the domain and the share code in its path; report the URL once. */
    private static List<LinkViolation> keepLongestNonOverlapping(List<LinkViolation> candidates) {
        List<LinkViolation> sorted = new ArrayList<>(candidates);
        sorted.sort(LONGEST_FIRST);
        List<LinkViolation> kept = new ArrayList<>();
        for (LinkViolation candidate : sorted) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /**
     * A phrase usually wraps a share code or link ("复制这段描述￥AbCd1234￥后打开淘宝"). Reporting the
     * code as SHARE_CODE and the words around it as SHARE_PHRASE keeps every kind visible while spans
     * stay disjoint and together still cover the whole phrase.
     */
    private static List<LinkViolation> phraseOutside(LinkViolation phrase, List<LinkViolation> taken, String text) {
        List<LinkViolation> pieces = new ArrayList<>();
        int from = phrase.start();
        List<LinkViolation> inside = taken.stream()
                .filter(phrase::overlaps)
                .sorted(Comparator.comparingInt(LinkViolation::start))
                .toList();
        for (LinkViolation v : inside) {
            addPiece(pieces, text, from, Math.min(v.start(), phrase.end()));
            from = Math.max(from, v.end());
        }
        addPiece(pieces, text, from, phrase.end());
        return pieces;
    }

    /** Separators that may sit between a phrase's words and a code inside it; not worth highlighting. */
    private static final String SEPARATORS = " \t\n，,、;；:：";

    private static void addPiece(List<LinkViolation> pieces, String text, int start, int end) {
        while (start < end && SEPARATORS.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && SEPARATORS.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        if (text.substring(start, end).codePoints().anyMatch(Character::isLetterOrDigit)) {
            pieces.add(new LinkViolation(start, end, LinkKind.SHARE_PHRASE, text.substring(start, end)));
        }
    }
}
