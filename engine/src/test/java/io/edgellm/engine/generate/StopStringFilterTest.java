package io.edgellm.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringFilterTest {

    @Test
    void withoutStopsEverythingPassesAtOnce() {
        StopStringFilter f = new StopStringFilter(List.of());
        assertEquals("hello", f.accept("hello"));
        assertEquals("", f.flush());
        assertEquals("hello", f.text());
    }

    @Test
    void stopSplitOverChunksIsCaughtAndNeverShown() {
        StopStringFilter f = new StopStringFilter(List.of("</end>"));
        StringBuilder shown = new StringBuilder();
        for (String chunk : new String[] {"answer: 4", "2<", "/e", "nd", "> more"}) {
            shown.append(f.accept(chunk));
        }
        assertTrue(f.stopped());
        assertEquals("answer: 42", shown.toString());
        assertEquals("answer: 42", f.text());
        assertEquals("", f.flush());
    }

    @Test
    void heldTextIsReleasedWhenItStopsLookingLikeAStop() {
        StopStringFilter f = new StopStringFilter(List.of("###"));
        assertEquals("a", f.accept("a#"));
        assertEquals("#", f.accept("b").substring(0, 1));
        assertFalse(f.stopped());
        assertEquals("", f.accept("#"));
        assertEquals("#", f.flush());
        assertEquals("a#b#", f.text());
    }

    @Test
    void earliestOfSeveralStopsWins() {
        StopStringFilter f = new StopStringFilter(List.of("STOP", "\n\n"));
        assertEquals("line", f.accept("line\n\nSTOP"));
        assertTrue(f.stopped());
        assertEquals("", f.accept("ignored"));
    }
}
