package io.edgellm.engine.train;

import io.edgellm.engine.model.ModelConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The seven linear projections of a Llama-family block, the modules LoRA can target, with their
 * names in GGUF ({@code blk.N.attn_q.weight}) and in Hugging Face PEFT
 * ({@code model.layers.N.self_attn.q_proj}).
 */
public enum TargetModule {
    Q("attn_q", "self_attn.q_proj"),
    K("attn_k", "self_attn.k_proj"),
    V("attn_v", "self_attn.v_proj"),
    O("attn_output", "self_attn.o_proj"),
    GATE("ffn_gate", "mlp.gate_proj"),
    UP("ffn_up", "mlp.up_proj"),
    DOWN("ffn_down", "mlp.down_proj");

    private final String ggufName;
    private final String peftPath;

    TargetModule(String ggufName, String peftPath) {
        this.ggufName = ggufName;
        this.peftPath = peftPath;
    }

    /** The GGUF tensor stem: {@code attn_q}, so the weight of block 3 is {@code blk.3.attn_q.weight}. */
    public String ggufName() {
        return ggufName;
    }

    /** The module path inside a Hugging Face decoder layer: {@code self_attn.q_proj}. */
    public String peftPath() {
        return peftPath;
    }

    /** Columns of this projection's weight (its input width) in a model of shape {@code c}. */
    public int inputWidth(ModelConfig c) {
        return switch (this) {
            case O -> c.attentionOutputWidth();
            case DOWN -> c.feedForwardLength();
            default -> c.embeddingLength();
        };
    }

    /** Rows of this projection's weight (its output width) in a model of shape {@code c}. */
    public int outputWidth(ModelConfig c) {
        return switch (this) {
            case Q -> c.queryWidth();
            case K -> c.keyWidth();
            case V -> c.valueWidth();
            case O, DOWN -> c.embeddingLength();
            case GATE, UP -> c.feedForwardLength();
        };
    }

    /** The short name used in configurations: {@code q}, {@code gate}, ... */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The module named {@code name}: its short name ({@code q}), PEFT name ({@code q_proj}) or GGUF
     * stem ({@code attn_q}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the module and the known names
     */
    public static TargetModule parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TargetModule m : values()) {
            String peftLeaf = m.peftPath.substring(m.peftPath.indexOf('.') + 1);
            if (n.equals(m.shortName()) || n.equals(peftLeaf) || n.equals(m.ggufName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown target module '" + name + "' (known: "
                + Arrays.stream(values()).map(TargetModule::shortName).collect(Collectors.joining(", "))
                + ", or their PEFT names such as q_proj)");
    }
}
