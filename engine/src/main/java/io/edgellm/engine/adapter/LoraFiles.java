package io.edgellm.engine.adapter;

import io.edgellm.engine.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads and writes LoRA adapters in either layout, chosen by the path: a {@code .gguf} file or a PEFT directory. */
public final class LoraFiles {

    private LoraFiles() {
    }

    /** Whether {@code path} names a GGUF LoRA file rather than a PEFT directory. */
    public static boolean isGguf(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf");
    }

    /**
     * The adapter at {@code path} for a base of shape {@code base}.
     *
     * @throws AdapterException naming the file when it is missing, malformed or does not fit the base
     */
    public static LoraWeights read(Path path, ModelConfig base) {
        if (isGguf(path)) {
            return GgufLoraAdapter.read(path, base);
        }
        if (!Files.isDirectory(path)) {
            throw new AdapterException(path, Files.exists(path)
                    ? "not an adapter: expected a GGUF LoRA file (.gguf) or a PEFT directory"
                    : "no such file or directory");
        }
        return PeftAdapter.read(path, base);
    }

    /** Writes {@code lora} to {@code path}: a GGUF LoRA file if it ends in {@code .gguf}, else a PEFT directory. */
    public static void write(Path path, LoraWeights lora, ModelConfig base) throws IOException {
        if (isGguf(path)) {
            GgufLoraAdapter.write(path, lora, base);
        } else {
            PeftAdapter.write(path, lora, base);
        }
    }
}
