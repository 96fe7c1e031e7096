package io.edgellm.cli;

/** A problem with what the user asked for; its message is shown as is. */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
