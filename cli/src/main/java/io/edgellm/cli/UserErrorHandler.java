package io.edgellm.cli;

import io.edgellm.engine.adapter.AdapterException;
import io.edgellm.engine.data.DatasetFormatException;
import io.edgellm.engine.gguf.GGUFException;
import io.edgellm.engine.safetensors.SafetensorsException;
import io.edgellm.engine.tensor.UnsupportedTensorTypeException;
import io.edgellm.engine.tokenizer.TokenizerException;
import io.edgellm.engine.train.CheckpointException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and a non-zero exit status. Problems with the user's
 * input (bad files, bad values) print just their message; anything else is labelled an internal
 * error, with the stack trace only when {@code EDGELLM_DEBUG} is set.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    static final int EXIT_USER_ERROR = 1;
    static final int EXIT_INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        var err = cmd.getErr();
        if (System.getenv("EDGELLM_DEBUG") != null) {
            e.printStackTrace(err);
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = switch (cause) {
            case NoSuchFileException f -> f.getFile() + ": no such file";
            case AccessDeniedException f -> f.getFile() + ": permission denied";
            case IOException io -> "I/O error: " + io.getMessage();
            default -> cause.getMessage();
        };
        if (isUserError(cause)) {
            err.println("edgellm " + cmd.getCommandName() + ": " + message);
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("edgellm " + cmd.getCommandName() + ": internal error: " + cause
                + (System.getenv("EDGELLM_DEBUG") == null ? " (set EDGELLM_DEBUG=1 for the stack trace)" : ""));
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    private static boolean isUserError(Throwable t) {
        return t instanceof UserException
                || t instanceof GGUFException
                || t instanceof UnsupportedTensorTypeException
                || t instanceof TokenizerException
                || t instanceof AdapterException
                || t instanceof CheckpointException
                || t instanceof DatasetFormatException
                || t instanceof SafetensorsException
                || t instanceof IOException
                || t instanceof IllegalArgumentException;
    }
}
