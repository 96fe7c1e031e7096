package io.edgellm.cli.plan;

import io.edgellm.cli.UserException;
import io.edgellm.planner.split.InfeasiblePlanException;
import io.edgellm.planner.yaml.InvalidInputException;

import java.util.function.Supplier;

/** Turns the planner's input and feasibility errors into one-line user errors. */
final class PlannerErrors {

    private PlannerErrors() {
    }

    static <T> T userFacing(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            throw new UserException(e.getMessage(), e);
        } catch (InfeasiblePlanException e) {
            throw new UserException("no feasible plan: " + e.getMessage(), e);
        }
    }
}
