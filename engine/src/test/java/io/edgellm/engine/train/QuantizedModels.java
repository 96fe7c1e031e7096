package io.edgellm.engine.train;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.model.SyntheticModel;
import io.edgellm.engine.model.SyntheticSpec;
import io.edgellm.engine.tensor.GGMLType;
import io.edgellm.engine.train.ops.TestPool;
import java.io.IOException;
import java.nio.file.Path;

/** Synthetic models with their matrices quantized, written through the training engine's GGUF export. */
final class QuantizedModels {

    private QuantizedModels() {
    }

    /** Writes {@code spec} with random weights, every matrix in {@code type}, vectors in F32. */
    static Path write(SyntheticSpec spec, GGMLType type, long seed, Path dir) throws IOException {
        Path f32 = dir.resolve(spec.name() + "-f32.gguf");
        SyntheticModel.write(spec, GGMLType.F32, seed, f32);
        Path target = dir.resolve(spec.name() + "-" + type + ".gguf");
        try (GGUFFile in = GGUFFile.open(f32)) {
            TrainableModel.fromGguf(in, FullTraining.all(), seed, TestPool.POOL).saveGguf(target, type, in.metadata());
        }
        return target;
    }
}
