package io.edgellm.planner.speculative;

/**
 * The chosen draft length and its predicted effect; draft length 0 means speculation does not pay.
 *
 * @param expectedTokensPerRound accepted draft tokens plus the target's own token, on average
 * @param speedup tokens per second over target-only decoding's
 */
public record SpeculativeChoice(int draftLength, double expectedTokensPerRound, double secondsPerRound,
                                double tokensPerSecond, double speedup) {
}
