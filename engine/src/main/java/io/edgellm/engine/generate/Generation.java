package io.edgellm.engine.generate;

/**
 * The outcome of one generation.
 *
 * @param tokens        the new token ids (without the prompt; including a final end-of-generation token)
 * @param text          their text, cut before a stop string when one was hit
 * @param reason        why it ended
 * @param promptTokens  prompt length in tokens
 * @param reusedTokens  prompt tokens whose keys and values were already cached from the previous call
 * @param prefillNanos  time to process the prompt (the part not reused) and produce the first logits
 * @param decodeNanos   time of the single-token steps after that
 */
public record Generation(int[] tokens, String text, StopReason reason, int promptTokens, int reusedTokens,
                         long prefillNanos, long decodeNanos) {

    public double prefillTokensPerSecond() {
        int processed = promptTokens - reusedTokens;
        return prefillNanos == 0 ? 0 : processed * 1e9 / prefillNanos;
    }

    /** Tokens per second of the decode steps (the first new token comes from the prefill). */
    public double decodeTokensPerSecond() {
        int steps = Math.max(0, tokens.length - 1);
        return decodeNanos == 0 ? 0 : steps * 1e9 / decodeNanos;
    }
}
