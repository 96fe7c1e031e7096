package io.edgellm.planner.topology;

import java.util.Locale;

/** Where a node sits in the paper's three tiers. */
public enum NodeRole {
    DEVICE, EDGE, CLOUD;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
