package io.edgellm.engine.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Low-rank adaptation (Hu et al. 2021) of the {@code targets} projections of every block above the
 * frozen fraction: {@code y = x·Wᵀ + scale · dropout(x)·Aᵀ·Bᵀ} with {@code A} of
 * {@code rank × in}, {@code B} of {@code out × rank} (PEFT's {@code lora_A}, {@code lora_B}) and
 * {@code scale = alpha / rank}. The base stays frozen in its stored type.
 *
 * @param dropout        PEFT's {@code lora_dropout}, in [0, 1)
 * @param freezingRatio  fraction of the bottom blocks without adapters (see {@link FullTraining})
 */
public record LoraConfig(int rank, float alpha, float dropout, Set<TargetModule> targets, double freezingRatio)
        implements TrainingMethod {

    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("LoRA alpha must be positive, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        TrainingMethod.checkFreezingRatio(freezingRatio);
        targets = Set.copyOf(EnumSet.copyOf(targets));
    }

    /**
     * LoRA on the modules named {@code targets} (short, PEFT or GGUF names: {@code q}, {@code v_proj},
     * {@code ffn_up}), no dropout, nothing frozen.
     *
     * @throws IllegalArgumentException for an unknown module name
     */
    public static LoraConfig of(int rank, float alpha, String... targets) {
        Set<TargetModule> modules = EnumSet.noneOf(TargetModule.class);
        for (String t : targets) {
            modules.add(TargetModule.parse(t));
        }
        return new LoraConfig(rank, alpha, 0f, modules, 0);
    }

    public LoraConfig withDropout(float p) {
        return new LoraConfig(rank, alpha, p, targets, freezingRatio);
    }

    public LoraConfig withFreezingRatio(double ratio) {
        return new LoraConfig(rank, alpha, dropout, targets, ratio);
    }

    /** {@code alpha / rank}, the factor applied to the low-rank update. */
    public float scale() {
        return alpha / rank;
    }

    @Override
    public String describe() {
        return "lora(rank=" + rank + ",alpha=" + alpha + ",dropout=" + dropout + ",targets="
                + Arrays.stream(TargetModule.values()).filter(targets::contains).map(TargetModule::shortName)
                        .collect(Collectors.joining("+"))
                + ",freeze=" + freezingRatio + ")";
    }
}
