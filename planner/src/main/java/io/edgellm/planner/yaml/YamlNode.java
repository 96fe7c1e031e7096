package io.edgellm.planner.yaml;

/**
 * A parsed YAML value that remembers where it came from and its dotted path from the document
 * root, so every validation error can point at the exact field.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    SourceLocation location();

    /** Dotted path from the root, e.g. {@code nodes[2].memory}; empty for the root. */
    String path();

    default InvalidInputException error(String problem) {
        return new InvalidInputException(location(), path(), problem);
    }

    default YamlMap asMap() {
        if (this instanceof YamlMap map) {
            return map;
        }
        throw error("expected a mapping of field: value");
    }

    default YamlList asList() {
        if (this instanceof YamlList list) {
            return list;
        }
        throw error("expected a list");
    }

    default YamlScalar asScalar() {
        if (this instanceof YamlScalar scalar) {
            return scalar;
        }
        throw error("expected a single value, found a " + (this instanceof YamlMap ? "mapping" : "list"));
    }
}
