package io.edgellm.engine.data;

/** How soon a patient needs care, most urgent first, with the advice given for each level. */
public enum TriageLevel {
    EMERGENCY("EMERGENCY", "call emergency services now"),
    URGENT("URGENT", "see a doctor within 24 hours"),
    ROUTINE("ROUTINE", "book an appointment with your doctor"),
    SELF_CARE("SELF-CARE", "rest, drink fluids and watch for changes");

    private final String label;
    private final String advice;

    TriageLevel(String label, String advice) {
        this.label = label;
        this.advice = advice;
    }

    /** As written in answers, e.g. "SELF-CARE". */
    public String label() {
        return label;
    }

    public String advice() {
        return advice;
    }
}
