package io.edgellm.engine.generate;

/** Why a generation ended. */
public enum StopReason {
    /** The model produced an end-of-generation token (EOS, EOT, ...). */
    END_OF_GENERATION,
    /** The text reached one of the requested stop strings. */
    STOP_STRING,
    /** The requested number of new tokens was produced. */
    MAX_TOKENS,
    /** The model's context length is used up. */
    CONTEXT_FULL,
    /** The caller asked to stop (e.g. Ctrl-C). */
    CANCELLED
}
