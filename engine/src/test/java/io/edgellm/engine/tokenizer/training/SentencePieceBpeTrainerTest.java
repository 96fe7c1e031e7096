package io.edgellm.engine.tokenizer.training;

import io.edgellm.engine.tokenizer.TokenType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.RobotControlTask;
import io.edgellm.engine.data.SimpleEnglishCorpus;
import io.edgellm.engine.data.TaskChat;
import io.edgellm.engine.data.TriageTask;
import io.edgellm.engine.gguf.GGUFArray;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValueType;
import io.edgellm.engine.gguf.GGUFWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceBpeTrainerTest {

    private static final int VOCAB = 2048;
    private static final List<String> CORPUS = corpus(1, 1500, 800);
    private static final TrainedVocabulary VOCABULARY =
            SentencePieceBpeTrainer.train(CORPUS, TokenizerTrainingConfig.withVocabSize(VOCAB));
    private static final ReferenceSpmEncoder ENCODER = ReferenceSpmEncoder.of(VOCABULARY);

    /** General English plus both tasks in the chat format, as a model's training text would be. */
    private static List<String> corpus(long seed, int documents, int examplesPerTask) {
        List<String> texts = new ArrayList<>(new SimpleEnglishCorpus(seed).documents(documents));
        for (Example e : new RobotControlTask().generate(seed, examplesPerTask)) {
            texts.add(TaskChat.render(e));
        }
        for (Example e : new TriageTask().generate(seed, examplesPerTask)) {
            texts.add(TaskChat.render(e));
        }
        return texts;
    }

    @Test
    void layoutOfTheVocabulary() {
        assertEquals(VOCAB, VOCABULARY.size(), "the corpus has enough pairs to fill the vocabulary");
        assertEquals(List.of("<unk>", "<s>", "</s>"), VOCABULARY.tokens().subList(0, 3));
        assertEquals(TokenType.UNKNOWN, VOCABULARY.type(TrainedVocabulary.UNKNOWN_ID));
        assertEquals(TokenType.CONTROL, VOCABULARY.type(TrainedVocabulary.BOS_ID));
        assertEquals(TokenType.CONTROL, VOCABULARY.type(TrainedVocabulary.EOS_ID));
        for (int b = 0; b < 256; b++) {
            assertEquals(String.format("<0x%02X>", b), VOCABULARY.token(3 + b));
            assertEquals(TokenType.BYTE, VOCABULARY.type(3 + b));
        }
        for (String control : List.of("<pad>", "<|im_start|>", "<|im_end|>")) {
            assertEquals(TokenType.CONTROL, VOCABULARY.type(VOCABULARY.id(control).orElseThrow()), control);
        }
        assertEquals(VOCABULARY.id("<pad>").orElseThrow(), VOCABULARY.padId());
        assertEquals(VOCAB, new HashSet<>(VOCABULARY.tokens()).size(), "no token text twice");
    }

    @Test
    void mergedPiecesScoreByRankAndNeverCrossWords() {
        float previous = Float.POSITIVE_INFINITY;
        int normal = 0;
        for (int id = 0; id < VOCABULARY.size(); id++) {
            if (VOCABULARY.type(id) != TokenType.NORMAL) {
                continue;
            }
            normal++;
            String piece = VOCABULARY.token(id);
            assertTrue(VOCABULARY.score(id) < previous, "scores fall strictly with the id: " + piece);
            previous = VOCABULARY.score(id);
            assertTrue(piece.matches("▁*") || piece.indexOf('▁', 1) < 0, "▁ only at the start of a piece: " + piece);
            assertFalse(piece.length() > 1 && piece.chars().anyMatch(Character::isDigit), "digits are never merged: " + piece);
            assertFalse(piece.chars().anyMatch(c -> c < 0x20), "control characters fall back to bytes: " + piece);
        }
        assertEquals(VOCAB - 3 - 256 - 3, normal);
        assertTrue(VOCABULARY.id("▁the").isPresent() && VOCABULARY.id("patient").isPresent() && VOCABULARY.id("triage").isPresent(), "frequent words become pieces");
    }

    @Test
    void trainingIsDeterministic() {
        TrainedVocabulary again = SentencePieceBpeTrainer.train(corpus(1, 1500, 800), TokenizerTrainingConfig.withVocabSize(VOCAB));
        assertEquals(VOCABULARY.tokens(), again.tokens());
        for (int i = 0; i < VOCAB; i++) {
            assertEquals(VOCABULARY.score(i), again.score(i));
        }
    }

    @Test
    void heldOutTextRoundTripsAndIsCompact() {
        List<String> english = new SimpleEnglishCorpus(99).documents(300);
        List<String> tasks = new ArrayList<>();
        new RobotControlTask().generate(99, 300).forEach(e -> tasks.add(e.text()));
        new TriageTask().generate(99, 300).forEach(e -> tasks.add(e.text()));
        double englishRatio = charsPerToken(english);
        double taskRatio = charsPerToken(tasks);
        System.out.printf("vocabulary %d: %.2f chars/token on held-out English, %.2f on held-out task examples%n",
                VOCAB, englishRatio, taskRatio);
        assertTrue(englishRatio > 3.5, "English " + englishRatio);
        assertTrue(taskRatio > 3.2, "tasks " + taskRatio);
    }

    private static double charsPerToken(List<String> texts) {
        long chars = 0;
        long tokens = 0;
        for (String t : texts) {
            List<Integer> ids = ENCODER.encode(t, false);
            assertEquals(t, ENCODER.decode(ids), "round trip");
            chars += t.length();
            tokens += ids.size();
        }
        return (double) chars / tokens;
    }

    @Test
    void unseenCharactersFallBackToBytesAndRoundTrip() {
        for (String s : List.of("Zoë's café 日本 🙂", "tab\there\nnew line", "  two spaces", "ÿ", "", "numbers 118 and 38.5")) {
            List<Integer> ids = ENCODER.encode(s, false);
            assertEquals(s, ENCODER.decode(ids), s);
            assertFalse(ids.contains(TrainedVocabulary.UNKNOWN_ID), "byte fallback, never <unk>: " + s);
        }
        List<Integer> ids = ENCODER.encode("日", false);
        assertEquals(List.of(VOCABULARY.id("▁").orElseThrow(), 3 + 0xE6, 3 + 0x97, 3 + 0xA5), ids, "three UTF-8 bytes");
        List<Integer> digits = ENCODER.encode("118", false);
        assertEquals(List.of("▁", "1", "1", "8"), digits.stream().map(VOCABULARY::token).toList(), "one token per digit");
    }

    @Test
    void chatMarkersAreSingleControlTokens() {
        Example e = new TriageTask().generate(123, 1).getFirst();
        List<Integer> ids = ENCODER.encode(TaskChat.render(e), true);
        List<Integer> markers = ids.stream().filter(id -> VOCABULARY.type(id) == TokenType.CONTROL).toList();
        assertEquals(List.of("<|im_start|>", "<|im_end|>", "<|im_start|>", "<|im_end|>"), markers.stream().map(VOCABULARY::token).toList());
        Set<String> merged = new HashSet<>(VOCABULARY.tokens());
        assertFalse(merged.contains("<|") || merged.contains("|>"), "marker text was not trained on");
    }

    @Test
    void writesTokenizerMetadataToGguf(@TempDir Path tmp) throws IOException {
        GGUFWriter writer = new GGUFWriter().putString("general.architecture", "llama");
        VOCABULARY.writeTo(writer);
        Path file = tmp.resolve("vocab.gguf");
        writer.write(file);
        try (GGUFFile f = GGUFFile.open(file)) {
            GGUFMetadata md = f.metadata();
            assertEquals("llama", md.getString("tokenizer.ggml.model"));
            assertArrayEquals(VOCABULARY.tokens().toArray(String[]::new), md.getStringArray("tokenizer.ggml.tokens"));
            float[] scores = md.getFloatArray("tokenizer.ggml.scores");
            int[] types = md.getIntArray("tokenizer.ggml.token_type");
            for (int i = 0; i < VOCAB; i++) {
                assertEquals(VOCABULARY.score(i), scores[i]);
                assertEquals(VOCABULARY.type(i).code(), types[i]);
            }
            assertEquals(GGUFValueType.INT32, ((GGUFArray) md.get("tokenizer.ggml.token_type").value()).elementType());
            assertEquals(GGUFValueType.UINT32, md.get("tokenizer.ggml.bos_token_id").type());
            assertEquals(1, md.getLong("tokenizer.ggml.bos_token_id"));
            assertEquals(2, md.getLong("tokenizer.ggml.eos_token_id"));
            assertEquals(0, md.getLong("tokenizer.ggml.unknown_token_id"));
            assertEquals(VOCABULARY.padId(), md.getLong("tokenizer.ggml.padding_token_id"));
            assertTrue(md.getBool("tokenizer.ggml.add_bos_token"));
            assertFalse(md.getBool("tokenizer.ggml.add_eos_token"));
            assertTrue(md.getBool("tokenizer.ggml.add_space_prefix"));
            ReferenceSpmEncoder fromFile = new ReferenceSpmEncoder(List.of(md.getStringArray("tokenizer.ggml.tokens")), scores, types);
            String text = CORPUS.get(3);
            assertEquals(ENCODER.encode(text, false), fromFile.encode(text, false));
        }
    }

    @Test
    void digitsMergeWhenNotSplit() {
        List<String> triage = new TriageTask().generate(4, 600).stream().map(Example::text).toList();
        TrainedVocabulary merged = SentencePieceBpeTrainer.train(triage, new TokenizerTrainingConfig(800, List.of(), false, 2));
        assertTrue(merged.tokens().stream().anyMatch(t -> t.matches("▁?\\d{2,}")), "multi-digit pieces");
        ReferenceSpmEncoder encoder = ReferenceSpmEncoder.of(merged);
        String text = triage.getFirst();
        assertEquals(text, encoder.decode(encoder.encode(text, false)));
        assertTrue(encoder.encode("pulse 118", false).size() < ENCODER.encode("pulse 118", false).size(),
                "fewer tokens than with digits split");
    }

    @Test
    void smallVocabulariesAndBadConfigurations() {
        TrainedVocabulary small = SentencePieceBpeTrainer.train(CORPUS.subList(0, 200), TokenizerTrainingConfig.withVocabSize(400));
        assertEquals(400, small.size());
        ReferenceSpmEncoder encoder = ReferenceSpmEncoder.of(small);
        assertEquals(CORPUS.get(5), encoder.decode(encoder.encode(CORPUS.get(5), false)));
        TrainedVocabulary exhausted = SentencePieceBpeTrainer.train(List.of("abab abab"), TokenizerTrainingConfig.withVocabSize(4096));
        assertTrue(exhausted.size() < 300, "stops when no pair is left: " + exhausted.size());
        assertThrows(IllegalArgumentException.class, () -> TokenizerTrainingConfig.withVocabSize(262));
        assertThrows(IllegalArgumentException.class, () -> new TokenizerTrainingConfig(1000, List.of("<s>"), true, 2));
        assertThrows(IllegalArgumentException.class, () -> new TokenizerTrainingConfig(1000, List.of("<a>", "<a>"), true, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentencePieceBpeTrainer.train(List.of("abcdefghijklmnopqrstuvwxyz"), TokenizerTrainingConfig.withVocabSize(280)));
        assertTrue(e.getMessage().contains("27 distinct characters"), e.getMessage());
    }
}
