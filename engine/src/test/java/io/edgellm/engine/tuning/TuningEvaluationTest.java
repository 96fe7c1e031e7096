package io.edgellm.engine.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.RobotControlTask;
import io.edgellm.engine.data.TaskChat;
import io.edgellm.engine.family.PretrainingCorpus;
import io.edgellm.engine.generate.GenerationOptions;
import io.edgellm.engine.generate.TextGenerator;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.model.Shard;
import io.edgellm.engine.tokenizer.ChatTemplates;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.tokenizer.Tokenizers;
import io.edgellm.engine.tokenizer.training.SentencePieceBpeTrainer;
import io.edgellm.engine.tokenizer.training.TokenizerTrainingConfig;
import io.edgellm.engine.train.Batch;
import io.edgellm.engine.train.ExampleBatches;
import io.edgellm.engine.train.ExampleBatches.TokenizedExample;
import io.edgellm.engine.train.TrainableModel;
import io.edgellm.engine.train.ops.TestPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task and text evaluation through the inference engine agree with the training engine's losses and with greedy generation. */
class TuningEvaluationTest {

    private static final Tokenizer TOKENIZER = Tokenizers.fromMetadata(EvaluationFixtures.TOKENIZER);

    @TempDir
    Path tmp;

    @Test
    void examplesSplitIntoPromptAndAnswerEndingTheTurn() {
        Example e = new Example("instruction: turn left\nplan:", " TURN(left)", "turn");
        TokenizedExample t = ChatExamples.tokenize(TOKENIZER, e);
        assertArrayEquals(TOKENIZER.encode(TaskChat.prompt(e), false, true), t.prompt());
        assertEquals("TURN(left)", TOKENIZER.decode(t.completion()), "the answer and <|im_end|>, which decodes to nothing");
        assertEquals(TOKENIZER.tokenId(ChatTemplates.IM_END), t.completion()[t.completion().length - 1]);
        Tokenizer plain = Tokenizers.fromMetadata(new GGUFMetadata(null,
                SentencePieceBpeTrainer.train(List.of("plain text only"),
                        new TokenizerTrainingConfig(300, List.of(), true, 2)).metadata()));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ChatExamples.tokenize(plain, List.of(e)));
        assertTrue(error.getMessage().contains("no <|im_start|> control token"), error.getMessage());
    }

    @Test
    void answerPerplexityIsTheTrainingLossAndExactMatchFollowsGreedyGeneration() {
        Path file = tmp.resolve("m.gguf");
        TrainableModel trained = EvaluationFixtures.write(file, 7);
        List<Example> examples = new RobotControlTask().generate(3, 4);
        List<TokenizedExample> tokenized = ChatExamples.tokenize(TOKENIZER, examples);
        try (GGUFFile f = GGUFFile.open(file)) {
            Shard shard = Shard.whole(f, TestPool.POOL);
            // The model's own greedy answer to the first prompt is, by construction, a correct answer.
            String greedy = new TextGenerator(shard, TOKENIZER).generate(tokenized.getFirst().prompt(), GenerationOptions.greedy(6),
                    s -> { }, () -> false).text();
            List<Example> scored = new ArrayList<>(examples);
            scored.set(0, new Example(examples.getFirst().prompt(), " " + greedy, null));
            TaskEvaluation.Result r = TaskEvaluation.run(shard, TOKENIZER, scored, 6, i -> { });
            assertEquals(1, r.correct());
            assertEquals(4, r.total());
            assertEquals(3, r.mistakes().size());

            TaskEvaluation.Result reference = TaskEvaluation.run(shard, TOKENIZER, examples, 6, i -> { });
            ExampleBatches batches = new ExampleBatches(tokenized, 1, 128, 0, 0);
            double loss = 0;
            long targets = 0;
            for (int i = 0; i < examples.size(); i++) {
                TrainableModel.PassResult p = trained.evaluate(batches.next());
                loss += p.lossSum();
                targets += p.targets();
            }
            assertEquals(targets, reference.targets());
            assertEquals(loss / targets, Math.log(reference.perplexity()), 1e-4, "inference and training losses agree");
        }
    }

    @Test
    void textPerplexityIsTheTrainingLossAndAgreementCountsEqualGreedyTokens() {
        Path a = tmp.resolve("a.gguf");
        Path b = tmp.resolve("b.gguf");
        TrainableModel trained = EvaluationFixtures.write(a, 8);
        TrainableModel other = EvaluationFixtures.write(b, 9);
        List<Batch> windows = PretrainingCorpus.validationBatches(TOKENIZER, 64).subList(0, 4);
        double loss = 0;
        long targets = 0;
        for (Batch w : windows) {
            TrainableModel.PassResult p = trained.evaluate(w);
            loss += p.lossSum();
            targets += p.targets();
        }
        try (GGUFFile fa = GGUFFile.open(a); GGUFFile fb = GGUFFile.open(b)) {
            Shard sa = Shard.whole(fa, TestPool.POOL);
            Shard sb = Shard.whole(fb, TestPool.POOL);
            assertEquals(loss / targets, Math.log(TextEvaluation.perplexity(sa, windows)), 1e-4);
            assertEquals(1.0, TextEvaluation.greedyAgreement(sa, sa, windows));
            double agreement = TextEvaluation.greedyAgreement(sa, sb, windows);
            assertTrue(agreement < 0.5, "two random models rarely agree: " + agreement);
            // The same share counted from the training engine's logits, a separate forward pass.
            int vocab = trained.config().vocabSize();
            int same = 0;
            for (Batch w : windows) {
                float[] la = trained.logits(w.tokens());
                float[] lb = other.logits(w.tokens());
                for (int t = 0; t < w.length(); t++) {
                    if (LogProbabilities.argMax(la, t * vocab, vocab) == LogProbabilities.argMax(lb, t * vocab, vocab)) {
                        same++;
                    }
                }
            }
            assertEquals(same / (double) (4 * 64), agreement, 1.0 / (4 * 64), "at most one near-tie between the engines");
            TextEvaluation.Comparison both = TextEvaluation.compare(sa, sb, windows);
            assertEquals(agreement, both.agreement());
            assertEquals(TextEvaluation.perplexity(sa, windows), both.targetPerplexity(), 1e-12);
            assertEquals(TextEvaluation.perplexity(sb, windows), both.draftPerplexity(), 1e-12);
            assertEquals(4 * 64, windows.stream().mapToInt(Batch::rows).sum());
            assertTrue(Arrays.stream(windows.getFirst().tokens()).allMatch(t -> t >= 0));
        }
    }
}
