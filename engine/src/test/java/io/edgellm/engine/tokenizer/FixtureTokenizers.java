package io.edgellm.engine.tokenizer;

import io.edgellm.engine.testing.SharedFixtures;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tokenizers of the shared fixture vocabularies, loaded once per test run; the calling test is skipped when absent. */
final class FixtureTokenizers {

    static final String SPM32K = "ggml-vocab-spm32k.gguf";
    static final String LLAMA3 = "ggml-vocab-llama3.gguf";

    private static final Map<String, Tokenizer> LOADED = new ConcurrentHashMap<>();

    private FixtureTokenizers() {
    }

    static Tokenizer get(String vocabulary) {
        return LOADED.computeIfAbsent(vocabulary, name -> Tokenizers.open(SharedFixtures.file(name)));
    }
}
