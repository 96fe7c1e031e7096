package io.edgellm.cli.plan;

import io.edgellm.cli.UserException;
import io.edgellm.planner.profile.ModelShape;
import io.edgellm.planner.profile.ModelShapeYaml;
import io.edgellm.planner.profile.ModelShapes;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code --model}: a preset name, a model-shape YAML file or a GGUF file. */
final class ModelSources {

    private ModelSources() {
    }

    static ModelShape resolve(String model) {
        var preset = ModelShapes.preset(model);
        if (preset.isPresent()) {
            return preset.get();
        }
        Path path = Path.of(model);
        String name = path.getFileName() == null ? model : path.getFileName().toString().toLowerCase();
        if (name.endsWith(".gguf")) {
            return GgufModelShapes.read(path);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return ModelShapeYaml.read(path);
        }
        if (!Files.exists(path)) {
            throw new UserException("--model: '" + model + "' is neither a preset (" + String.join(", ",
                    ModelShapes.presetNames()) + ") nor an existing .gguf or .yaml file");
        }
        throw new UserException("--model: " + model + ": expected a .gguf or .yaml file");
    }
}
