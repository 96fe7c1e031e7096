package io.edgellm.cli.plan;

import io.edgellm.engine.gguf.GGUFFile;
import io.edgellm.engine.gguf.GGUFMetadata;
import io.edgellm.planner.profile.ModelShape;

import java.nio.file.Path;

/** Reads a {@link ModelShape} from a GGUF file's metadata (llama.cpp keys), without loading weights. */
public final class GgufModelShapes {

    private GgufModelShapes() {
    }

    public static ModelShape read(Path file) {
        try (GGUFFile gguf = GGUFFile.open(file)) {
            GGUFMetadata m = gguf.metadata();
            String arch = m.architecture();
            int dim = m.getInt(arch + ".embedding_length");
            int heads = m.getInt(arch + ".attention.head_count");
            int kvHeads = m.findInt(arch + ".attention.head_count_kv").orElse(heads);
            int headDim = m.findInt(arch + ".attention.key_length").orElse(dim / heads);
            int vocab = m.containsKey("tokenizer.ggml.tokens") ? m.arrayLength("tokenizer.ggml.tokens")
                    : m.getInt(arch + ".vocab_size");
            boolean tied = gguf.findTensor("output.weight").isEmpty();
            try {
                return new ModelShape(arch, m.getInt(arch + ".block_count"), dim, heads, kvHeads, headDim,
                        m.getInt(arch + ".feed_forward_length"), vocab, tied, m.getInt(arch + ".context_length"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }
}
