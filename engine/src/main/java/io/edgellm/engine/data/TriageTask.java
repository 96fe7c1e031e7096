package io.edgellm.engine.data;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Healthcare triage (the paper's smart-healthcare application): a symptom report with age,
 * symptoms, duration and some vital signs maps to a triage level, the reason for it and the
 * advice for the level, e.g. {@code patient: 67-year-old man with chest pain for 2 hours.\ntriage:}
 * → {@code " EMERGENCY | chest pain | call emergency services now"}. The rules are in
 * docs/TASKS.md; they are invented for a learnable task and are not medical advice.
 */
public final class TriageTask implements Task {

    public static final String NAME = "triage";
    static final String PROMPT_PREFIX = "patient: ";
    static final String PROMPT_CUE = "\ntriage:";

    @Override
    public String name() {
        return NAME;
    }

    /** The triage level of the answer, e.g. "SELF-CARE". */
    @Override
    public List<String> categories() {
        return Arrays.stream(TriageLevel.values()).map(TriageLevel::label).toList();
    }

    @Override
    public Example sample(Random r) {
        PatientCase c = PatientCaseSampler.sample(r);
        TriageRules.Decision d = TriageRules.decide(c);
        return new Example(PROMPT_PREFIX + CaseReport.render(r, c) + PROMPT_CUE, d.answer(), d.level().label());
    }
}
