package io.edgellm.engine.data;

import java.util.Arrays;
import java.util.List;

/**
 * Symptoms of the triage task, each with a severity class and the ways a report may say it.
 * The first phrasing is the canonical name used in answers. Declaration order is the
 * tie-break when several symptoms of one class could give the reason.
 */
enum Symptom {
    CHEST_PAIN(Severity.RED_FLAG, "chest pain", "pain in the chest", "a tight feeling in the chest"),
    TROUBLE_BREATHING(Severity.RED_FLAG, "trouble breathing", "shortness of breath", "difficulty breathing"),
    CONFUSION(Severity.RED_FLAG, "confusion", "sudden confusion"),
    FAINTING(Severity.RED_FLAG, "fainting", "passing out", "a fainting spell"),
    SEIZURE(Severity.RED_FLAG, "a seizure", "a fit", "convulsions"),
    SLURRED_SPEECH(Severity.RED_FLAG, "slurred speech", "trouble speaking"),
    COUGHING_BLOOD(Severity.RED_FLAG, "coughing up blood", "blood when coughing"),

    VOMITING(Severity.MODERATE, "vomiting", "throwing up"),
    ABDOMINAL_PAIN(Severity.MODERATE, "abdominal pain", "stomach pain", "belly pain"),
    SEVERE_HEADACHE(Severity.MODERATE, "a severe headache", "a very bad headache"),
    DIZZINESS(Severity.MODERATE, "dizziness", "feeling dizzy"),
    EAR_PAIN(Severity.MODERATE, "ear pain", "an earache"),
    PAINFUL_URINATION(Severity.MODERATE, "painful urination", "burning when peeing"),
    DIARRHEA(Severity.MODERATE, "diarrhea", "loose stools"),
    RASH(Severity.MODERATE, "a rash", "a skin rash", "red spots on the skin"),

    RUNNY_NOSE(Severity.MILD, "a runny nose", "a stuffy nose"),
    SORE_THROAT(Severity.MILD, "a sore throat", "a scratchy throat"),
    COUGH(Severity.MILD, "a cough", "a dry cough", "coughing"),
    SNEEZING(Severity.MILD, "sneezing"),
    MILD_HEADACHE(Severity.MILD, "a mild headache", "a slight headache"),
    TIREDNESS(Severity.MILD, "tiredness", "fatigue", "feeling tired"),
    MUSCLE_ACHES(Severity.MILD, "muscle aches", "sore muscles", "body aches"),
    ITCHY_EYES(Severity.MILD, "itchy eyes", "watery eyes");

    enum Severity { RED_FLAG, MODERATE, MILD }

    private final Severity severity;
    private final List<String> phrasings;

    Symptom(Severity severity, String... phrasings) {
        this.severity = severity;
        this.phrasings = List.of(phrasings);
    }

    Severity severity() {
        return severity;
    }

    /** The canonical name, without an article: "severe headache". */
    String canonical() {
        String first = phrasings.getFirst();
        return first.startsWith("a ") ? first.substring(2) : first;
    }

    List<String> phrasings() {
        return phrasings;
    }

    static List<Symptom> of(Severity severity) {
        return Arrays.stream(values()).filter(s -> s.severity == severity).toList();
    }
}
