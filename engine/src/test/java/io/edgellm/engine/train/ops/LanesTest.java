package io.edgellm.engine.train.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The deterministic lane helpers: each vector result equals, bit for bit, a scalar computation
 * whose value the Java language fixes (IEEE float arithmetic, {@code Math.fma}), so it cannot
 * depend on whether the JIT compiled the code; and the exponential is accurate.
 */
class LanesTest {

    @Test
    void vectorExpEqualsItsScalarTwinBitForBitAndIsAccurate() {
        float[] x = TestArrays.gaussian(4096, 1, 30);
        x[0] = -200f;
        x[1] = 100f;
        x[2] = -87.2f;
        x[3] = 0f;
        double worst = 0;
        for (int i = 0; i + Lanes.F.length() <= x.length; i += Lanes.F.length()) {
            FloatVector e = Lanes.exp(FloatVector.fromArray(Lanes.F, x, i));
            for (int j = 0; j < Lanes.F.length(); j++) {
                float scalar = Lanes.exp(x[i + j]);
                assertEquals(Float.floatToIntBits(scalar), Float.floatToIntBits(e.lane(j)), "exp(" + x[i + j] + ")");
                if (x[i + j] > -87f && x[i + j] < 88f) {
                    worst = Math.max(worst, Math.abs(scalar / Math.exp(x[i + j]) - 1));
                }
            }
        }
        assertTrue(worst < 3e-7, "relative error " + worst);
        assertEquals(0f, Lanes.exp(-200f));
        assertEquals(1f, Lanes.exp(0f));
    }

    @Test
    void sumIsAFixedTreeOfAdditions() {
        float[] x = TestArrays.gaussian(Lanes.F.length(), 2, 1e3);
        float[] tree = x.clone();
        for (int width = tree.length / 2; width >= 1; width /= 2) {
            float[] next = tree.clone();
            for (int j = 0; j < tree.length; j++) {
                next[j] = tree[j] + tree[(j + width) % tree.length];
            }
            tree = next;
        }
        assertEquals(Float.floatToIntBits(tree[0]), Float.floatToIntBits(Lanes.sum(FloatVector.fromArray(Lanes.F, x, 0))));
    }

    @Test
    void softmaxSumsToOne() {
        float[] x = TestArrays.gaussian(37, 3, 5);
        Lanes.softmax(x, 0, 37);
        double s = 0;
        for (float v : x) {
            s += v;
        }
        assertEquals(1.0, s, 1e-6);
    }
}
