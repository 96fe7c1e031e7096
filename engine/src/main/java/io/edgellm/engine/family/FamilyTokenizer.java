package io.edgellm.engine.family;

import io.edgellm.engine.data.DatasetSplits;
import io.edgellm.engine.data.Example;
import io.edgellm.engine.data.Task;
import io.edgellm.engine.data.Tasks;
import io.edgellm.engine.data.SimpleEnglishCorpus;
import io.edgellm.engine.data.TaskChat;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.tokenizer.ChatTemplates;
import io.edgellm.engine.tokenizer.training.SentencePieceBpeTrainer;
import io.edgellm.engine.tokenizer.training.TokenizerTrainingConfig;
import io.edgellm.engine.tokenizer.training.TrainedVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The family's shared vocabulary: SentencePiece-style BPE of {@value #VOCAB_SIZE} tokens with
 * ChatML's markers as control tokens, trained on simple English and on both tasks' training
 * examples rendered as ChatML. Its training data is fixed (not seeded by a run), so every model of
 * the family, whatever its seed, gets the same vocabulary.
 */
public final class FamilyTokenizer {

    /** Below the ~2,110 tokens after which this corpus runs out of pairs to merge. */
    public static final int VOCAB_SIZE = 2048;
    static final int ENGLISH_DOCUMENTS = 4000;
    static final int EXAMPLES_PER_TASK = 1000;

    private FamilyTokenizer() {
    }

    /** Trains the vocabulary (deterministic: the same tokens and scores every time). */
    public static TrainedVocabulary train() {
        List<String> texts = new ArrayList<>(new SimpleEnglishCorpus(PretrainingCorpus.CORPUS_SEED).documents(ENGLISH_DOCUMENTS));
        for (Task task : Tasks.all()) {
            for (Example e : DatasetSplits.of(task, PretrainingCorpus.TOKENIZER_TASK_SEED, EXAMPLES_PER_TASK, 0, 0).train()) {
                texts.add(TaskChat.render(e));
            }
        }
        return SentencePieceBpeTrainer.train(texts, TokenizerTrainingConfig.withVocabSize(VOCAB_SIZE));
    }

    /** The {@code tokenizer.*} keys of a family model: the vocabulary and a ChatML chat template. */
    public static GGUFMetadata metadata(TrainedVocabulary vocabulary) {
        Map<String, GGUFValue> md = new LinkedHashMap<>(vocabulary.metadata());
        md.put(ChatTemplates.CHAT_TEMPLATE, GGUFValue.ofString(ChatTemplates.CHATML_JINJA));
        return new GGUFMetadata(null, md);
    }
}
