package io.edgellm.engine.quantize;

import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFTensorInfo;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFWriter;
import io.edgellm.engine.gguf.TensorData;
import io.edgellm.engine.tensor.ComputePool;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.tensor.Quantizer;
import io.edgellm.engine.tensor.WeightMatrices;
import io.edgellm.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-training quantization of a GGUF model: weight matrices stored as F32, F16 or BF16 are
 * rewritten in the scheme's types, everything else (norms, biases, RoPE factors, metadata) is
 * copied. Tensors are quantized one at a time while the output is streamed, so memory stays at
 * one tensor; the output file appears only when complete.
 */
public final class ModelQuantizer {

    /** Progress of a run: called after each tensor is written. */
    @FunctionalInterface
    public interface Listener {
        void tensorDone(TensorPlan tensor, int index, int count);
    }

    /**
     * What happens to one tensor.
     *
     * @param fallback why the scheme's type could not be used (rows not whole blocks), or null
     */
    public record TensorPlan(GGUFTensorInfo source, GGMLType target, String fallback) {
        public long targetBytes() {
            return target.bytesFor(source.elementCount());
        }
    }

    private ModelQuantizer() {
    }

    /** The type every tensor of {@code file} gets under {@code scheme}. */
    public static List<TensorPlan> plan(GGUFFile file, QuantizationScheme scheme) {
        String arch = file.metadata().architecture();
        int blockCount = file.metadata().findInt(arch + ".block_count").orElse(0);
        boolean hasOutput = file.findTensor("output.weight").isPresent();
        List<TensorPlan> plans = new ArrayList<>();
        for (GGUFTensorInfo t : file.tensorInfos()) {
            plans.add(planTensor(file, t, scheme, blockCount, hasOutput));
        }
        return plans;
    }

    private static TensorPlan planTensor(GGUFFile file, GGUFTensorInfo t, QuantizationScheme scheme, int blockCount,
                                         boolean hasOutput) {
        boolean matrix = t.dimensions() == 2 && t.name().endsWith(".weight");
        if (!matrix) {
            return new TensorPlan(t, t.type(), null);
        }
        if (t.type() != GGMLType.F32 && t.type() != GGMLType.F16 && t.type() != GGMLType.BF16) {
            throw new GGUFException(file.path(), "tensor '" + t.name() + "' is already " + t.type()
                    + "; quantize from a model stored as F32, F16 or BF16");
        }
        GGMLType wanted = scheme.wantedType(t.name(), blockCount, !hasOutput);
        GGMLType target = QuantizationScheme.fitting(wanted, t.dim(0));
        String fallback = target == wanted ? null
                : "rows of " + t.dim(0) + " are not whole " + wanted + " blocks of " + wanted.blockSize();
        return new TensorPlan(t, target, fallback);
    }

    /**
     * Writes {@code source} quantized under {@code scheme} to {@code target}.
     *
     * @return the plan that was carried out
     */
    public static List<TensorPlan> quantize(Path source, Path target, QuantizationScheme scheme, ComputePool pool,
                                            Listener listener) throws IOException {
        try (GGUFFile in = GGUFFile.open(source)) {
            List<TensorPlan> plans = plan(in, scheme);
            GGUFWriter w = new GGUFWriter().putAll(in.metadata());
            w.put("general.file_type", GGUFValue.ofUInt32(scheme.fileType()));
            w.put("general.quantization_version", GGUFValue.ofUInt32(2));
            for (int i = 0; i < plans.size(); i++) {
                TensorPlan p = plans.get(i);
                w.addTensor(p.source().name(), p.target(), p.source().shape(), new QuantizedTensor(in, p, pool, listener, i, plans.size()));
            }
            w.write(target);
            return plans;
        }
    }

    /** A tensor converted only when the writer reaches it. */
    private record QuantizedTensor(GGUFFile in, TensorPlan plan, ComputePool pool, Listener listener, int index, int count)
            implements TensorData {

        @Override
        public long byteSize() {
            return plan.targetBytes();
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            GGUFTensorInfo t = plan.source();
            MemorySegment data = in.tensorData(t);
            if (plan.target() == t.type()) {
                TensorData.of(data).writeTo(out);
            } else {
                int cols = Math.toIntExact(t.dim(0));
                int rows = Math.toIntExact(t.elementCount() / cols);
                WeightMatrix source = WeightMatrices.of(t.type(), data, rows, cols);
                RequantizedRows.of(source, Quantizer.forType(plan.target()), pool).writeTo(out);
            }
            listener.tensorDone(plan, index, count);
        }
    }
}
