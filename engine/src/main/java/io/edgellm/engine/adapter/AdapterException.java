package io.edgellm.engine.adapter;

import java.nio.file.Path;

/** An adapter file that is unreadable, malformed, of an unsupported kind, or does not fit the base model; names the file. */
public final class AdapterException extends RuntimeException {

    public AdapterException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public AdapterException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
