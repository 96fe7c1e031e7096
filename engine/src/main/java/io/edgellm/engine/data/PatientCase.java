package io.edgellm.engine.data;

import java.util.List;
import java.util.Optional;

/**
 * The meaning of a triage report. Vital signs the report does not mention are empty and
 * count as normal. Ages are in whole years (0 for babies under one); the temperature is in
 * tenths of a degree Celsius so that thresholds compare exactly.
 */
record PatientCase(
        int age,
        boolean female,
        List<Symptom> symptoms,
        int durationHours,
        Optional<Integer> temperatureTenths,
        Optional<Integer> heartRate,
        Optional<Integer> oxygenPercent,
        Optional<Integer> systolic,
        Optional<Integer> diastolic,
        Optional<Integer> breathingRate) {

    PatientCase {
        symptoms = List.copyOf(symptoms);
        if (symptoms.isEmpty()) {
            throw new IllegalArgumentException("a case has at least one symptom");
        }
        if (systolic.isPresent() != diastolic.isPresent()) {
            throw new IllegalArgumentException("blood pressure needs both numbers");
        }
    }

    boolean has(Symptom.Severity severity) {
        return symptoms.stream().anyMatch(s -> s.severity() == severity);
    }

    /** The first symptom of {@code severity} in declaration order. */
    Optional<Symptom> first(Symptom.Severity severity) {
        return symptoms.stream().filter(s -> s.severity() == severity).min(Enum::compareTo);
    }
}
