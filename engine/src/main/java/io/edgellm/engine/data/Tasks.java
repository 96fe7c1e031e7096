package io.edgellm.engine.data;

import java.util.List;

/** The tasks by name. */
public final class Tasks {

    private Tasks() {
    }

    /** Every task: robot control and triage. */
    public static List<Task> all() {
        return List.of(new RobotControlTask(), new TriageTask());
    }

    /**
     * The task named {@code name} ({@value RobotControlTask#NAME} or {@value TriageTask#NAME}).
     *
     * @throws IllegalArgumentException naming the known tasks
     */
    public static Task byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown task '" + name + "' (known: " + RobotControlTask.NAME + ", " + TriageTask.NAME + ")"));
    }
}
