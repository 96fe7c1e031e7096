package io.edgellm.planner.split;

/**
 * Minimise the primary problem's objective among plans whose budgeted figure stays within the
 * budget. Both figures come from the same instance, so the two problems share hosts and memory
 * limits; only their cost tables differ.
 */
public final class BudgetedProblem {

    private final PlacementProblem primary;
    private final PlacementProblem budgeted;
    private final Budget budget;

    public BudgetedProblem(PlacementProblem primary, Budget budget) {
        Objective objective = primary.objective();
        if (budget.metric() == objective) {
            throw new IllegalArgumentException("the objective " + objective.cliName() + " already minimises "
                    + objective.figure() + "; budget another figure");
        }
        if (budget.metric().training() != objective.training()) {
            throw new IllegalArgumentException("a budget on " + budget.metric().figure() + " does not apply to the "
                    + (objective.training() ? "training" : "inference") + " objective " + objective.cliName());
        }
        this.primary = primary;
        this.budgeted = primary.withObjective(budget.metric());
        this.budget = budget;
    }

    public PlacementProblem primary() {
        return primary;
    }

    /** The same instance with the budgeted figure as its objective. */
    public PlacementProblem budgeted() {
        return budgeted;
    }

    public Budget budget() {
        return budget;
    }
}
