package io.edgellm.planner.yaml;

import java.util.List;

/** A YAML sequence. */
public record YamlList(List<YamlNode> items, SourceLocation location, String path) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public YamlNode get(int index) {
        return items.get(index);
    }

    public YamlList nonEmpty() {
        if (items.isEmpty()) {
            throw error("must list at least one entry");
        }
        return this;
    }
}
