package io.edgellm.engine.tokenizer;

import static io.edgellm.engine.tokenizer.SmallVocabs.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingDecoderTest {

    @TempDir
    Path tmp;

    /** What each accept returns, then what finish returns. */
    private static List<String> stream(Tokenizer t, int[] ids, boolean renderSpecial) {
        StreamingDecoder d = t.streamingDecoder(renderSpecial);
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(d.accept(id));
        }
        out.add(d.finish());
        return out;
    }

    @Test
    void emojiSplitOverByteFallbackTokensComesOutWhole() {
        Tokenizer t = SmallVocabs.spm().tokenizer(tmp);
        int[] ids = t.encode("a😀", false, false);
        assertEquals(List.of("a", "", "", "", "😀", ""), stream(t, ids, false));
    }

    @Test
    void cjkSplitOverByteLevelTokensComesOutWhole() {
        Tokenizer t = SmallVocabs.bpe("qwen2").tokenizer(tmp);
        int[] ids = t.encode("中文", false, false);
        assertEquals(6, ids.length);
        assertEquals(List.of("", "", "中", "", "", "文", ""), stream(t, ids, false));
    }

    @Test
    void leadingSpaceRuleMatchesDecode() {
        Tokenizer t = SmallVocabs.spm().tokenizer(tmp);
        int[] ids = ids(t, "<s>", "▁a", "▁a", "<|im_start|>", "▁▁", "a");
        assertEquals(List.of("", "a", " a", "", " ", "a", ""), stream(t, ids, false));
        assertEquals(List.of("<s>", "a", " a", "<|im_start|>", " ", "a", ""), stream(t, ids, true));
    }

    @Test
    void bytesThatNeverCompleteComeOutAsReplacementCharacters() {
        Tokenizer t = SmallVocabs.spm().tokenizer(tmp);
        int[] truncated = ids(t, "▁a", "<0xF0>", "<0x9F>");
        assertEquals(List.of("a", "", "", "\uFFFD"), stream(t, truncated, false));
        int[] strayContinuation = ids(t, "<0x80>", "▁a");
        assertEquals(List.of("\uFFFD", " a", ""), stream(t, strayContinuation, false));
        int[] interrupted = ids(t, "<0xE4>", "<0xB8>", "▁a");
        assertEquals(t.decode(interrupted), String.join("", stream(t, interrupted, false)));
    }

    @Test
    void concatenationEqualsDecodeForRandomTokenSequences() {
        Tokenizer t = SmallVocabs.spm().tokenizer(tmp);
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int[] ids = random.ints(random.nextInt(12), 0, t.vocabSize()).toArray();
            for (boolean render : new boolean[] {false, true}) {
                assertEquals(t.decode(ids, render), String.join("", stream(t, ids, render)));
            }
        }
    }

    @Test
    void completeLengthHoldsBackOnlyAnUnfinishedSequence() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, StreamingDecoder.completeLength(new byte[] {euro[0]}));
        assertEquals(1, StreamingDecoder.completeLength(new byte[] {'x', euro[0], euro[1]}));
        assertEquals(4, StreamingDecoder.completeLength(new byte[] {'x', euro[0], euro[1], euro[2]}));
        assertEquals(2, StreamingDecoder.completeLength(new byte[] {(byte) 0x80, (byte) 0x80}));
        assertEquals(1, StreamingDecoder.completeLength(new byte[] {(byte) 0xFF}));
    }
}
