package io.edgellm.engine.data;

import java.nio.file.Path;

/** A dataset file is empty or malformed; the message names the file and, where there is one, the line. */
public class DatasetFormatException extends RuntimeException {

    public DatasetFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** @param line 1-based line number */
    public DatasetFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
