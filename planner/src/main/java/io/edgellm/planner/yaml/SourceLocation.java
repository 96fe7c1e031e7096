package io.edgellm.planner.yaml;

/** Where a YAML value sits: file name, 1-based line and column. Printed as {@code file:line:column}. */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
