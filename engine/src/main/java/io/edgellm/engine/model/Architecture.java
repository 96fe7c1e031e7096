package io.edgellm.engine.model;

import io.edgellm.engine.gguf.GGUFException;
import java.nio.file.Path;

/**
 * The model families this engine runs, all one Llama-shaped transformer that differs only in
 * the small named properties below. The name is GGUF's {@code general.architecture}, which is
 * also the prefix of the family's metadata keys ({@code llama.block_count}, ...).
 */
public enum Architecture {
    /** Llama 2/3/3.1/3.2, Mistral, TinyLlama, SmolLM/SmolLM2; Q/K/V biases are loaded when present. */
    LLAMA("llama", RopeLayout.NORMAL, false),
    /** Qwen2 and Qwen2.5: NeoX RoPE and Q/K/V biases in every block. */
    QWEN2("qwen2", RopeLayout.NEOX, true);

    private final String ggufName;
    private final RopeLayout ropeLayout;
    private final boolean requiresQkvBias;

    Architecture(String ggufName, RopeLayout ropeLayout, boolean requiresQkvBias) {
        this.ggufName = ggufName;
        this.ropeLayout = ropeLayout;
        this.requiresQkvBias = requiresQkvBias;
    }

    /** The {@code general.architecture} value and metadata key prefix. */
    public String ggufName() {
        return ggufName;
    }

    public RopeLayout ropeLayout() {
        return ropeLayout;
    }

    public boolean requiresQkvBias() {
        return requiresQkvBias;
    }

    /**
     * The architecture named {@code name} in {@code file}.
     *
     * @throws GGUFException naming the file and the architecture when it is not supported
     */
    public static Architecture of(Path file, String name) {
        for (Architecture a : values()) {
            if (a.ggufName.equals(name)) {
                return a;
            }
        }
        throw new GGUFException(file, "unsupported model architecture '" + name + "' (supported: llama, qwen2)");
    }
}
