package io.edgellm.engine.gguf;

import java.nio.file.Path;

/** A GGUF file is unreadable, corrupt or lacks something the caller needs; the message names the file. */
public class GGUFException extends RuntimeException {

    public GGUFException(Path file, String problem) {
        super((file == null ? "<in memory>" : file.toString()) + ": " + problem);
    }

    public GGUFException(Path file, String problem, Throwable cause) {
        super((file == null ? "<in memory>" : file.toString()) + ": " + problem, cause);
    }
}
