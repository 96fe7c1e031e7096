package io.edgellm.engine.json;

/** Text is not well-formed JSON; the message gives the line and column of the problem. */
public class JsonException extends RuntimeException {

    private final String problem;
    private final int line;
    private final int column;

    public JsonException(String problem, int line, int column) {
        super("line " + line + ", column " + column + ": " + problem);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column (in UTF-16 chars) of the problem. */
    public int column() {
        return column;
    }
}
