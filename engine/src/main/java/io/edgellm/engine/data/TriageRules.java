package io.edgellm.engine.data;

import io.edgellm.engine.data.Symptom.Severity;
import java.util.Optional;

/**
 * The triage decision list of docs/TASKS.md: the first rule that fires gives the level and
 * the reason. Deliberately simple and invented for a learnable task; not medical advice.
 */
final class TriageRules {

    /** Level, the reason that set it, and the answer the model must give. */
    record Decision(TriageLevel level, String reason) {
        /** The completion: " LEVEL | reason | advice". */
        String answer() {
            return " " + level.label() + " | " + reason + " | " + level.advice();
        }
    }

    static final int PERSISTENT_HOURS = 72;
    static final int LONG_HOURS = 7 * 24;

    private TriageRules() {
    }

    static Decision decide(PatientCase c) {
        int temp = c.temperatureTenths().orElse(370);
        int heart = c.heartRate().orElse(80);
        int oxygen = c.oxygenPercent().orElse(98);
        int systolic = c.systolic().orElse(120);
        int breathing = c.breathingRate().orElse(16);
        Optional<Symptom> redFlag = c.first(Severity.RED_FLAG);
        Optional<Symptom> moderate = c.first(Severity.MODERATE);

        if (redFlag.isPresent()) {
            return emergency(redFlag.get().canonical());
        }
        if (oxygen < 92) {
            return emergency("low oxygen");
        }
        if (systolic < 90) {
            return emergency("low blood pressure");
        }
        if (heart > 130) {
            return emergency("very fast heart rate");
        }
        if (heart < 40) {
            return emergency("very slow heart rate");
        }
        if (temp >= 400) {
            return emergency("very high fever");
        }
        if (breathing > 30) {
            return emergency("very fast breathing");
        }

        if (temp >= 390) {
            return urgent("high fever");
        }
        if (temp >= 380 && c.age() >= 65) {
            return urgent("fever in an older adult");
        }
        if (temp >= 380 && c.age() < 3) {
            return urgent("fever in a young child");
        }
        if (heart >= 110) {
            return urgent("fast heart rate");
        }
        if (oxygen <= 94) {
            return urgent("borderline oxygen");
        }
        if (systolic >= 180) {
            return urgent("very high blood pressure");
        }
        if (breathing >= 25) {
            return urgent("fast breathing");
        }
        if (moderate.isPresent() && c.durationHours() >= PERSISTENT_HOURS) {
            return urgent("persistent " + moderate.get().canonical());
        }

        if (moderate.isPresent()) {
            return new Decision(TriageLevel.ROUTINE, moderate.get().canonical());
        }
        if (temp >= 380) {
            return new Decision(TriageLevel.ROUTINE, "fever");
        }
        if (systolic >= 140) {
            return new Decision(TriageLevel.ROUTINE, "high blood pressure");
        }
        if (c.durationHours() >= LONG_HOURS) {
            return new Decision(TriageLevel.ROUTINE, "symptoms for a week or more");
        }
        return new Decision(TriageLevel.SELF_CARE, "mild symptoms");
    }

    private static Decision emergency(String reason) {
        return new Decision(TriageLevel.EMERGENCY, reason);
    }

    private static Decision urgent(String reason) {
        return new Decision(TriageLevel.URGENT, reason);
    }
}
