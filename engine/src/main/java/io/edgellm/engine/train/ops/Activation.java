package io.edgellm.engine.train.ops;

/** The nonlinearity of a bottleneck adapter, with its derivative for the backward pass. */
public enum Activation {
    RELU {
        @Override
        float apply(float x) {
            return Math.max(0f, x);
        }

        @Override
        float derivative(float x) {
            return x > 0 ? 1f : 0f;
        }
    },
    /** GELU in the tanh approximation (GPT-2, BERT). */
    GELU {
        @Override
        float apply(float x) {
            return (float) (0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x))));
        }

        @Override
        float derivative(float x) {
            double inner = GELU_C * (x + 0.044715 * x * x * x);
            double th = Math.tanh(inner);
            double dInner = GELU_C * (1 + 3 * 0.044715 * x * x);
            return (float) (0.5 * (1 + th) + 0.5 * x * (1 - th * th) * dInner);
        }
    },
    SILU {
        @Override
        float apply(float x) {
            return (float) (x / (1 + Math.exp(-x)));
        }

        @Override
        float derivative(float x) {
            double sig = 1 / (1 + Math.exp(-x));
            return (float) (sig * (1 + x * (1 - sig)));
        }
    };

    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    abstract float apply(float x);

    abstract float derivative(float x);

    /** {@code out = f(x)} over {@code size} values. */
    public void forward(float[] out, float[] x, int size) {
        for (int i = 0; i < size; i++) {
            out[i] = apply(x[i]);
        }
    }

    /** {@code dx = dy · f'(x)} over {@code size} values; {@code dx} may be {@code dy}. */
    public void backward(float[] dx, float[] dy, float[] x, int size) {
        for (int i = 0; i < size; i++) {
            dx[i] = dy[i] * derivative(x[i]);
        }
    }
}
