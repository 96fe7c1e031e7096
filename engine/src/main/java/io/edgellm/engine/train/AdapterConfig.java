package io.edgellm.engine.train;

import io.edgellm.engine.train.ops.Activation;
import java.util.Locale;

/**
 * Bottleneck adapters (Houlsby et al. 2019) between blocks: after every block,
 * {@code x += up(f(down(x)))} with {@code down} of {@code bottleneck × dim}, {@code up} of
 * {@code dim × bottleneck} (both with biases) and {@code up} initialised to zero, so training
 * starts from the base model's function. The base stays frozen in its stored type.
 */
public record AdapterConfig(int bottleneck, Activation activation) implements TrainingMethod {

    public AdapterConfig {
        if (bottleneck < 1) {
            throw new IllegalArgumentException("adapter bottleneck must be at least 1, got " + bottleneck);
        }
        if (activation == null) {
            throw new IllegalArgumentException("adapter activation is required");
        }
    }

    @Override
    public String describe() {
        return "adapters(bottleneck=" + bottleneck + ",activation=" + activation.name().toLowerCase(Locale.ROOT) + ")";
    }
}
