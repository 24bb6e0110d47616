package io.liveloop.platform.linkpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizedTextTest {

    @Test
    void foldsFullWidthAndMapsEachCharBackToItsOriginal() {
        NormalizedText nt = NormalizedText.of("看ＷＷＷ．Ａ");

        assertEquals("看www.a", nt.text());
        assertEquals("．", nt.originalText(4, 5));
        assertEquals("ＷＷＷ．Ａ", nt.originalText(1, 6));
    }

    @Test
    void decodesPercentEscapesIncludingUtf8Sequences() {
        NormalizedText nt = NormalizedText.of("a%2Fb%E4%BE%8B%ZZ 100% ok");

        assertEquals("a/b例%zz 100% ok", nt.text());
        assertEquals("%E4%BE%8B", nt.originalText(3, 4));
    }

    @Test
    void replacesSpelledOutDotsWithOneDotCoveringTheWholeSpelling() {
        NormalizedText nt = NormalizedText.of("evil [ . ] com, shop dot com, polka dot top");

        assertEquals("evil.com, shop.com, polka dot top", nt.text());
        assertEquals(" [ . ] ", nt.originalText(4, 5));
    }

    @Test
    void remembersWhichDotsWereIdeographicFullStops() {
        NormalizedText nt = NormalizedText.of("a。b．c");

        assertEquals("a.b.c", nt.text());
        assertTrue(nt.isIdeographicDot(1));
        assertFalse(nt.isIdeographicDot(3));
    }

    @Test
    void dropsInvisibleFormatCharacters() {
        NormalizedText nt = NormalizedText.of("ta\u200Bo\u00ADbao");

        assertEquals("taobao", nt.text());
        assertEquals("o\u00ADb", nt.originalText(2, 4));
    }
}
