package io.edgellm.engine.safetensors;

import java.nio.file.Path;

/** A safetensors file is unreadable or invalid, or lacks what the caller asked for; the message names the file. */
public class SafetensorsException extends RuntimeException {

    public SafetensorsException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SafetensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
