package io.edgellm.planner.yaml;

/**
 * A planner input (topology, model shape, cache library) is malformed or out of range. The message
 * names the file, the line and column, the field and the problem, so a user can fix it without a
 * stack trace.
 */
public final class InvalidInputException extends RuntimeException {

    private final SourceLocation location;
    private final String field;

    public InvalidInputException(SourceLocation location, String field, String problem) {
        super(location + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem);
        this.location = location;
        this.field = field;
    }

    public SourceLocation location() {
        return location;
    }

    public String field() {
        return field;
    }
}
