package io.edgellm.engine.train;

/** Progress of {@link Trainer#run}, called on the training thread between steps. */
public interface TrainingListener {

    void onStep(StepResult result);

    /** After each evaluation of the validation set. */
    default void onEvaluation(long step, EvalResult result) {
    }
}
