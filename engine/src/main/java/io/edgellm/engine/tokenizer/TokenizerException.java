package io.edgellm.engine.tokenizer;

import java.nio.file.Path;

/**
 * Tokenizer metadata is missing or inconsistent, or a tokenizer was asked something it cannot answer
 * (an out-of-range id, text it has no token for). The message names the GGUF file the vocabulary came from.
 */
public class TokenizerException extends RuntimeException {

    public TokenizerException(Path source, String problem) {
        super((source == null ? "<in memory>" : source.toString()) + ": " + problem);
    }
}
