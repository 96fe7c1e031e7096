package io.edgellm.planner.split;

/** Bytes a plan sends over one link direction: per decoded token, per prefill and per training step. */
public record LinkLoad(String from, String to, double bytesPerToken, double bytesPerPrefill,
                       double bytesPerTrainStep) {
}
