package io.edgellm.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.quantize.QuantizationScheme;
import io.edgellm.engine.tensor.GGMLType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Writes small synthetic models for tests and compares logits. */
final class TestModels {

    static final long SEED = 42;

    private TestModels() {
    }

    static Path write(SyntheticSpec spec, Path dir) {
        Path path = dir.resolve(spec.name() + ".gguf");
        try {
            SyntheticModel.write(spec, QuantizationScheme.F32, SEED, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    static Path tiny(String preset, Path dir) {
        return write(SyntheticSpec.preset(preset).tiny(), dir);
    }

    /** Writes one tensor of {@code in} (changed or not) to {@code out}. */
    @FunctionalInterface
    interface TensorCopier {
        void copy(GGUFFile in, GGUFTensorInfo tensor, GGUFWriter out);
    }

    /**
     * Copies {@code source} to {@code target}, letting {@code edit} change the metadata and
     * keeping only the tensors {@code keep} accepts: how the tests make broken files.
     */
    static Path rewrite(Path source, Path target, Consumer<GGUFWriter> edit, Predicate<GGUFTensorInfo> keep) {
        return rewrite(source, target, edit, (in, t, out) -> {
            if (keep.test(t)) {
                copy(in, t, out);
            }
        });
    }

    /** Copies a tensor unchanged. */
    static void copy(GGUFFile in, GGUFTensorInfo t, GGUFWriter out) {
        out.addTensor(t.name(), t.type(), t.shape(), TensorData.of(in.tensorData(t)));
    }

    static Path rewrite(Path source, Path target, Consumer<GGUFWriter> edit, TensorCopier copier) {
        try (GGUFFile in = GGUFFile.open(source)) {
            GGUFWriter w = new GGUFWriter().putAll(in.metadata());
            edit.accept(w);
            for (GGUFTensorInfo t : in.tensorInfos()) {
                copier.copy(in, t, w);
            }
            w.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static int[] randomTokens(int n, int vocab, long seed) {
        return new SplittableRandom(seed).ints(n, 0, vocab).toArray();
    }

    static int argMax(float[] logits, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Largest absolute difference between row {@code row} of {@code actual} (rows of {@code ref.length}) and {@code ref}. */
    static double maxDiff(float[] actual, int row, double[] ref) {
        double max = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(actual[row * ref.length + i] - ref[i]));
        }
        return max;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertTrue(expected.length == actual.length, what + ": lengths " + expected.length + " and " + actual.length);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(max <= tolerance, what + ": max difference " + max + " > " + tolerance);
    }
}
