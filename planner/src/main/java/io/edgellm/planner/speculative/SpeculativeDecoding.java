package io.edgellm.planner.speculative;

/**
 * Device–server speculative decoding (paper VI-B): the device drafts k tokens with a small model,
 * sends them to the server, which verifies all k + 1 positions in one target step and returns the
 * accepted prefix plus one token of its own.
 *
 * <p>With each draft token accepted independently with probability a, the expected number of
 * tokens a round yields is (1 − a^(k+1)) / (1 − a) (k + 1 when a = 1). A round takes
 * k · draft step + link round trip + target step + k · extra verify cost per token. Target-only
 * decoding on the server yields one token per target step. The chosen k maximises tokens per
 * second; k = 0 (no speculation) is chosen when no k beats target-only decoding.
 */
public final class SpeculativeDecoding {

    private SpeculativeDecoding() {
    }

    public static double expectedTokensPerRound(double acceptance, int draftLength) {
        checkAcceptance(acceptance);
        if (acceptance == 1) {
            return draftLength + 1;
        }
        return (1 - Math.pow(acceptance, draftLength + 1)) / (1 - acceptance);
    }

    public static SpeculativeChoice evaluate(double acceptance, int draftLength, double draftStepSeconds,
                                             double targetStepSeconds, double verifySecondsPerDraftToken,
                                             double roundTripSeconds) {
        if (draftLength == 0) {
            return new SpeculativeChoice(0, 1, targetStepSeconds, 1 / targetStepSeconds, 1);
        }
        double tokens = expectedTokensPerRound(acceptance, draftLength);
        double seconds = draftLength * (draftStepSeconds + verifySecondsPerDraftToken) + roundTripSeconds
                + targetStepSeconds;
        double rate = tokens / seconds;
        return new SpeculativeChoice(draftLength, tokens, seconds, rate, rate * targetStepSeconds);
    }

    /** The best draft length in [0, maxDraftLength]; ties go to the shorter draft. */
    public static SpeculativeChoice choose(double acceptance, double draftStepSeconds, double targetStepSeconds,
                                           double verifySecondsPerDraftToken, double roundTripSeconds,
                                           int maxDraftLength) {
        if (draftStepSeconds < 0 || targetStepSeconds <= 0 || verifySecondsPerDraftToken < 0 || roundTripSeconds < 0
                || maxDraftLength < 0) {
            throw new IllegalArgumentException("step costs must be positive and the round trip non-negative");
        }
        SpeculativeChoice best = evaluate(acceptance, 0, draftStepSeconds, targetStepSeconds,
                verifySecondsPerDraftToken, roundTripSeconds);
        for (int k = 1; k <= maxDraftLength; k++) {
            SpeculativeChoice candidate = evaluate(acceptance, k, draftStepSeconds, targetStepSeconds,
                    verifySecondsPerDraftToken, roundTripSeconds);
            if (candidate.tokensPerSecond() > best.tokensPerSecond() * (1 + 1e-12)) {
                best = candidate;
            }
        }
        return best;
    }

    private static void checkAcceptance(double acceptance) {
        if (!(acceptance >= 0 && acceptance <= 1)) {
            throw new IllegalArgumentException("acceptance rate must be in [0, 1], got " + acceptance);
        }
    }
}
