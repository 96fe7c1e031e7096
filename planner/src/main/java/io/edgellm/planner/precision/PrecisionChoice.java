package io.edgellm.planner.precision;

import io.edgellm.planner.profile.Precision;
import io.edgellm.planner.split.Plan;

/** The precision and placement chosen for a request, with its predicted latency. */
public record PrecisionChoice(Precision precision, double accuracy, Plan plan, double requestSeconds) {
}
