package io.edgellm.planner.speculative;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeculativeDecodingTest {

    @Test
    void expectedTokensMatchASimulationOfRandomAcceptance() {
        Random random = new Random(11);
        for (double a : new double[] {0.0, 0.3, 0.7, 0.95}) {
            for (int k = 1; k <= 8; k++) {
                long tokens = 0;
                int rounds = 200_000;
                for (int r = 0; r < rounds; r++) {
                    int accepted = 0;
                    while (accepted < k && random.nextDouble() < a) {
                        accepted++;
                    }
                    tokens += accepted + 1; // the target always adds one token of its own
                }
                assertEquals((double) tokens / rounds, SpeculativeDecoding.expectedTokensPerRound(a, k), 0.02,
                        "a=" + a + " k=" + k);
            }
        }
        assertEquals(5, SpeculativeDecoding.expectedTokensPerRound(1, 4), 1e-12);
    }

    @Test
    void chosenDraftLengthIsTheBestOfEveryLength() {
        Random random = new Random(5);
        for (int trial = 0; trial < 500; trial++) {
            double a = random.nextDouble();
            double draft = 0.001 + 0.02 * random.nextDouble();
            double target = 0.01 + 0.1 * random.nextDouble();
            double verify = 0.002 * random.nextDouble();
            double rtt = 0.1 * random.nextDouble();
            SpeculativeChoice choice = SpeculativeDecoding.choose(a, draft, target, verify, rtt, 16);
            for (int k = 0; k <= 16; k++) {
                assertTrue(SpeculativeDecoding.evaluate(a, k, draft, target, verify, rtt).tokensPerSecond()
                        <= choice.tokensPerSecond() * (1 + 1e-9));
            }
            assertEquals(choice.tokensPerSecond() * target, choice.speedup(), 1e-9 * choice.speedup());
        }
    }

    @Test
    void speculationIsSkippedWhenTheRoundTripEatsTheGain() {
        assertEquals(0, SpeculativeDecoding.choose(0.5, 0.01, 0.02, 0, 0.5, 16).draftLength());
        SpeculativeChoice good = SpeculativeDecoding.choose(0.9, 0.002, 0.05, 0.0005, 0.01, 16);
        assertTrue(good.draftLength() > 2 && good.speedup() > 2, good.toString());
    }
}
