package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.model.ModelConfig;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.WeightMatrix;
import io.edgellm.engine.train.ops.Rng;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Training checkpoints as GGUF files: every trainable parameter with AdamW's two moments
 * ({@code <name>}, {@code <name>.adam_m}, {@code <name>.adam_v}, all F32), and metadata under
 * {@code edgellm.checkpoint.}: the step, the data position and the seed (from which every dropout
 * mask of the run derives), the model's shape, the training method, and a fingerprint of the
 * frozen base weights. A checkpoint loads only into a run of the same model, method and base,
 * which is checked before anything is changed; files are written to a temporary file and renamed.
 */
final class Checkpoint {

    static final String PREFIX = "edgellm.checkpoint.";
    static final int FORMAT_VERSION = 1;
    static final String FIRST_MOMENT = ".adam_m";
    static final String SECOND_MOMENT = ".adam_v";
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Rows sampled per frozen tensor for the base fingerprint: enough to tell bases apart without reading them whole. */
    private static final int FINGERPRINT_ROWS = 16;

    /** What the trainer restores besides parameters and moments. */
    record State(long step, long dataPosition, long seed) {
    }

    private Checkpoint() {
    }

    static void save(Path path, TrainableModel model, AdamW optimizer, State state) throws IOException {
        GGUFWriter w = new GGUFWriter();
        w.putString("general.architecture", "edgellm-checkpoint");
        w.putUInt32(PREFIX + "format_version", FORMAT_VERSION);
        w.put(PREFIX + "step", GGUFValue.ofUInt64(state.step()));
        w.put(PREFIX + "data_position", GGUFValue.ofUInt64(state.dataPosition()));
        w.put(PREFIX + "seed", GGUFValue.ofUInt64(state.seed()));
        w.putString(PREFIX + "method", model.method().describe());
        w.putString(PREFIX + "base_fingerprint", baseFingerprint(model));
        modelFields(model.config()).forEach((k, v) -> w.putString(PREFIX + "model." + k, v));
        for (Parameter p : model.trainableParameters()) {
            long[] shape = {p.cols(), p.rows()};
            w.addTensor(p.name(), GGMLType.F32, shape, new FloatTensorData(p.value()));
            w.addTensor(p.name() + FIRST_MOMENT, GGMLType.F32, shape, new FloatTensorData(optimizer.firstMoment(p)));
            w.addTensor(p.name() + SECOND_MOMENT, GGMLType.F32, shape, new FloatTensorData(optimizer.secondMoment(p)));
        }
        w.write(path);
    }

    /**
     * Checks {@code path} against the run, then copies parameters and moments in.
     *
     * @throws CheckpointException naming the first mismatch (model field, method, base weights,
     *                             tensor), with nothing changed
     */
    static State load(Path path, TrainableModel model, AdamW optimizer) {
        try (GGUFFile file = GGUFFile.open(path)) {
            GGUFMetadata md = file.metadata();
            if (md.findInt(PREFIX + "format_version").orElse(-1) != FORMAT_VERSION) {
                throw new CheckpointException(path, "not an EdgeLLM training checkpoint of format " + FORMAT_VERSION);
            }
            for (Map.Entry<String, String> field : modelFields(model.config()).entrySet()) {
                String stored = md.findString(PREFIX + "model." + field.getKey()).orElse("(missing)");
                if (!stored.equals(field.getValue())) {
                    throw new CheckpointException(path, "checkpoint of another model: " + field.getKey() + " is " + stored
                            + " in the checkpoint but " + field.getValue() + " in this model");
                }
            }
            String method = md.getString(PREFIX + "method");
            if (!method.equals(model.method().describe())) {
                throw new CheckpointException(path, "checkpoint of another training method: " + method
                        + " in the checkpoint, " + model.method().describe() + " in this run");
            }
            String fingerprint = md.getString(PREFIX + "base_fingerprint");
            if (!fingerprint.equals(baseFingerprint(model))) {
                throw new CheckpointException(path, "checkpoint of another base model: its frozen weights differ (fingerprint "
                        + fingerprint + " in the checkpoint, " + baseFingerprint(model) + " here)");
            }
            List<Runnable> copies = new ArrayList<>();
            Set<String> expected = new HashSet<>();
            for (Parameter p : model.trainableParameters()) {
                for (String suffix : new String[] {"", FIRST_MOMENT, SECOND_MOMENT}) {
                    String name = p.name() + suffix;
                    expected.add(name);
                    float[] target = suffix.isEmpty() ? p.value()
                            : suffix.equals(FIRST_MOMENT) ? optimizer.firstMoment(p) : optimizer.secondMoment(p);
                    copies.add(checkedCopy(path, file, name, p, target));
                }
            }
            for (GGUFTensorInfo t : file.tensorInfos()) {
                if (!expected.contains(t.name())) {
                    throw new CheckpointException(path, "checkpoint has tensor '" + t.name() + "', which this run does not train");
                }
            }
            copies.forEach(Runnable::run);
            return new State(md.getLong(PREFIX + "step"), md.getLong(PREFIX + "data_position"), md.getLong(PREFIX + "seed"));
        } catch (GGUFException e) {
            throw new CheckpointException(path, "cannot read checkpoint: " + e.getMessage());
        }
    }

    private static Runnable checkedCopy(Path path, GGUFFile file, String name, Parameter p, float[] target) {
        GGUFTensorInfo info = file.findTensor(name)
                .orElseThrow(() -> new CheckpointException(path, "checkpoint lacks tensor '" + name + "' that this run trains"));
        if (info.type() != GGMLType.F32 || info.dim(0) != p.cols() || info.dim(1) != p.rows() || info.elementCount() != p.size()) {
            throw new CheckpointException(path, "tensor '" + name + "' is " + info.type() + " " + Arrays.toString(info.shape())
                    + " in the checkpoint, this run needs F32 [" + p.cols() + ", " + p.rows() + "]");
        }
        MemorySegment data = file.tensorData(info);
        return () -> MemorySegment.copy(data, F32, 0, target, 0, target.length);
    }

    /** The configuration fields that fix the shape and function of the weights (not the context length). */
    static Map<String, String> modelFields(ModelConfig c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("architecture", c.architecture().ggufName());
        f.put("block_count", Integer.toString(c.blockCount()));
        f.put("embedding_length", Integer.toString(c.embeddingLength()));
        f.put("feed_forward_length", Integer.toString(c.feedForwardLength()));
        f.put("head_count", Integer.toString(c.headCount()));
        f.put("head_count_kv", Integer.toString(c.headCountKv()));
        f.put("key_length", Integer.toString(c.keyLength()));
        f.put("value_length", Integer.toString(c.valueLength()));
        f.put("vocab_size", Integer.toString(c.vocabSize()));
        f.put("norm_epsilon", Float.toString(c.normEpsilon()));
        f.put("rope_freq_base", Float.toString(c.ropeFreqBase()));
        f.put("rope_scale", Float.toString(c.ropeScale()));
        f.put("rope_frequency_factors", Boolean.toString(c.ropeFrequencyFactors()));
        f.put("qkv_bias", Boolean.toString(c.qkvBias()));
        f.put("tied_embeddings", Boolean.toString(c.tiedEmbeddings()));
        return f;
    }

    /**
     * A 64-bit hash (hex) of the frozen weights: each frozen tensor's name, type and shape and
     * {@value #FINGERPRINT_ROWS} evenly spaced rows of its values. Empty bases (everything trains)
     * hash to the same value.
     */
    static String baseFingerprint(TrainableModel model) {
        Map<String, WeightMatrix> frozen = new TreeMap<>(model.mappedMatrices());
        for (Parameter p : model.parameters()) {
            if (!p.trainable()) {
                frozen.put(p.name(), p.asMatrix());
            }
        }
        long h = 0x2545F4914F6CDD1DL;
        for (Map.Entry<String, WeightMatrix> e : frozen.entrySet()) {
            WeightMatrix m = e.getValue();
            h = mix(h, e.getKey().hashCode());
            h = mix(h, m.type().id());
            h = mix(h, m.rows());
            h = mix(h, m.cols());
            float[] row = new float[m.cols()];
            int samples = Math.min(FINGERPRINT_ROWS, m.rows());
            for (int s = 0; s < samples; s++) {
                m.dequantizeRow((int) ((long) s * m.rows() / samples), row, 0);
                for (float v : row) {
                    h = mix(h, Float.floatToIntBits(v));
                }
            }
        }
        return String.format("%016x", h);
    }

    private static long mix(long h, long value) {
        return Rng.mix(h ^ (value + Rng.GOLDEN_GAMMA));
    }
}
