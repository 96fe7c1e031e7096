package io.edgellm.engine.train;

import java.nio.file.Path;

/** A checkpoint that cannot be loaded into this training run: another model, method or base, or a damaged file. */
public final class CheckpointException extends RuntimeException {

    private final Path path;

    public CheckpointException(Path path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
