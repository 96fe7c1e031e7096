package io.edgellm.engine.data;

import java.util.Objects;

/**
 * One supervised example: the model is given {@code prompt} and must produce
 * {@code completion}. {@code category} is the label that per-client non-IID splits skew
 * (e.g. the triage level); it may be null for examples read from files that do not carry one.
 */
public record Example(String prompt, String completion, String category) {

    public Example {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }

    /** The text a language model is trained on: the prompt followed by the completion. */
    public String text() {
        return prompt + completion;
    }
}
