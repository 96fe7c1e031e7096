package io.edgellm.engine.model;

/**
 * Rotary position embedding: dimension pair {@code i} of a head at position {@code p} turns by
 * {@code p / scale · base^(-2i/d) / factor_i}, where {@code factor_i} are llama3's frequency
 * divisors (1 without {@code rope_freqs.weight}) and {@code scale} the linear scaling factor.
 * Angles are computed in double precision per position, so no table sized to the context is kept.
 */
public final class Rope {

    private final RopeLayout layout;
    private final int dims;
    /** Radians per position for each of the {@code dims / 2} pairs. */
    private final double[] frequencies;

    public Rope(ModelConfig c, float[] frequencyFactors) {
        this.layout = c.ropeLayout();
        this.dims = c.ropeDimensions();
        this.frequencies = new double[dims / 2];
        for (int i = 0; i < dims / 2; i++) {
            double f = Math.pow(c.ropeFreqBase(), -2.0 * i / dims) / c.ropeScale();
            frequencies[i] = frequencyFactors == null ? f : f / frequencyFactors[i];
        }
    }

    public int dimensions() {
        return dims;
    }

    /**
     * Writes per-dimension tables for positions {@code [start, start + n)}, {@code dims} entries per
     * position: {@code cos[j]} and {@code sin[j]} of the angle of the pair {@code j} belongs to, the
     * sine negated for the first member of a pair, so that {@link VectorMath#rope} is one
     * multiply-add per dimension in either layout.
     */
    public void fillTables(int start, int n, float[] cos, float[] sin) {
        int half = dims / 2;
        for (int r = 0; r < n; r++) {
            int t = r * dims;
            for (int i = 0; i < half; i++) {
                double angle = (double) (start + r) * frequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int first = layout == RopeLayout.NORMAL ? 2 * i : i;
                int second = layout.partner(first, dims);
                cos[t + first] = c;
                cos[t + second] = c;
                sin[t + first] = -s;
                sin[t + second] = s;
            }
        }
    }

    /** Rotates {@code heads} consecutive heads of width {@code headWidth} starting at {@code x[off]}. */
    public void rotate(float[] x, int off, int heads, int headWidth, float[] cos, float[] sin, int row) {
        for (int h = 0; h < heads; h++) {
            VectorMath.rope(x, off + h * headWidth, cos, sin, row * dims, dims, layout);
        }
    }
}
