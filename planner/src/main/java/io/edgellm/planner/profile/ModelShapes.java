package io.edgellm.planner.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Named presets so the planner is usable without a model file. Figures are the published configs. */
public final class ModelShapes {

    private static final Map<String, ModelShape> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("qwen2.5-0.5b", new ModelShape("qwen2", 24, 896, 14, 2, 64, 4864, 151936, true, 32768));
        PRESETS.put("llama-1b", new ModelShape("llama", 16, 2048, 32, 8, 64, 8192, 128256, true, 131072));
        PRESETS.put("tinyllama-1.1b", new ModelShape("llama", 22, 2048, 32, 4, 64, 5632, 32000, false, 2048));
        PRESETS.put("llama-7b", new ModelShape("llama", 32, 4096, 32, 32, 128, 11008, 32000, false, 4096));
        PRESETS.put("llama-13b", new ModelShape("llama", 40, 5120, 40, 40, 128, 13824, 32000, false, 4096));
        PRESETS.put("llama-70b", new ModelShape("llama", 80, 8192, 64, 8, 128, 28672, 128256, false, 131072));
    }

    private ModelShapes() {
    }

    public static Optional<ModelShape> preset(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    public static Iterable<String> presetNames() {
        return PRESETS.keySet();
    }
}
