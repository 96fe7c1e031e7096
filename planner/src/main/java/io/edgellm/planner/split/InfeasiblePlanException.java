package io.edgellm.planner.split;

/** No plan satisfies the constraints; the message says which constraint rules every plan out. */
public final class InfeasiblePlanException extends RuntimeException {

    public InfeasiblePlanException(String message) {
        super(message);
    }
}
