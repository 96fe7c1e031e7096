package io.edgellm.engine.family;

import io.edgellm.engine.data.DatasetSplits;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.RobotControlTask;
import io.edgellm.engine.data.SimpleEnglishCorpus;
import io.edgellm.engine.data.TaskChat;
import io.edgellm.engine.data.TriageTask;
import io.edgellm.engine.tokenizer.IntList;
import io.edgellm.engine.tokenizer.Tokenizer;
import io.edgellm.engine.train.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the family is pretrained on, fixed so that a run is a function of its size and seed:
 * {@value #DOCUMENTS} simple-English documents, each {@code <s>text</s>}, with one task example
 * (robot and triage in turn, from the tasks' training split, as a ChatML conversation) after
 * every {@value #ENGLISH_PER_TASK} documents. The task examples teach the ChatML turn structure
 * and the words of the answers, which the LoRA adapters, training only projections, cannot add
 * to a frozen embedding; no validation or test prompt of either task is ever among them.
 * Held-out text for validation is the next {@value #VALIDATION_DOCUMENTS} English documents.
 */
public final class PretrainingCorpus {

    static final long CORPUS_SEED = 230916739L;
    static final long TOKENIZER_TASK_SEED = 1;
    static final long PRETRAINING_TASK_SEED = 2;
    public static final int DOCUMENTS = 60_000;
    static final int ENGLISH_PER_TASK = 7;
    static final int VALIDATION_DOCUMENTS = 400;
    /** Validation windows: 32 of 128 tokens, 4,096 predictions. */
    static final int VALIDATION_WINDOWS = 32;

    private PretrainingCorpus() {
    }

    /** The training token stream. */
    public static int[] trainingTokens(Tokenizer tokenizer) {
        SimpleEnglishCorpus english = new SimpleEnglishCorpus(CORPUS_SEED);
        int examples = DOCUMENTS / ENGLISH_PER_TASK / 2 + 1;
        List<Example> robot = DatasetSplits.of(new RobotControlTask(), PRETRAINING_TASK_SEED, examples, 0, 0).train();
        List<Example> triage = DatasetSplits.of(new TriageTask(), PRETRAINING_TASK_SEED, examples, 0, 0).train();
        IntList stream = new IntList();
        for (int i = 0; i < DOCUMENTS; i++) {
            stream.addAll(tokenizer.encode(english.document(i), true, false));
            stream.add(tokenizer.specials().eos());
            if (i % ENGLISH_PER_TASK == ENGLISH_PER_TASK - 1) {
                int k = i / ENGLISH_PER_TASK;
                Example e = (k % 2 == 0 ? robot : triage).get(k / 2);
                stream.addAll(tokenizer.encode(TaskChat.render(e), false, true));
            }
        }
        return stream.toArray();
    }

    /** Held-out English, as next-token windows of {@code length} predictions. */
    public static List<Batch> validationBatches(Tokenizer tokenizer, int length) {
        SimpleEnglishCorpus english = new SimpleEnglishCorpus(CORPUS_SEED);
        IntList stream = new IntList();
        for (int i = DOCUMENTS; i < DOCUMENTS + VALIDATION_DOCUMENTS; i++) {
            stream.addAll(tokenizer.encode(english.document(i), true, false));
            stream.add(tokenizer.specials().eos());
        }
        int[] tokens = stream.toArray();
        List<Batch> batches = new ArrayList<>();
        for (int w = 0; w < VALIDATION_WINDOWS && (w + 1) * length + 1 <= tokens.length; w++) {
            batches.add(Batch.nextTokens(new int[][] {Arrays.copyOfRange(tokens, w * length, (w + 1) * length + 1)}));
        }
        return batches;
    }
}
