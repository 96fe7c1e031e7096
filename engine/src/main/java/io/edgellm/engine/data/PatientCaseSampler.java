package io.edgellm.engine.data;

import io.edgellm.engine.data.Symptom.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Draws patient cases so that every triage level is common: a healthy-looking baseline (mild
 * symptoms, normal vitals) gets one change typical of a level drawn at random, sometimes a
 * second from any level. The level of the result is always computed by {@link TriageRules},
 * never taken from the draw, so overlapping changes cannot mislabel a case.
 */
final class PatientCaseSampler {

    private final Random r;
    private int age;
    private final boolean female;
    private final List<Symptom> symptoms = new ArrayList<>();
    private int hours;
    private Integer temperature;
    private Integer heart;
    private Integer oxygen;
    private Integer systolic;
    private Integer diastolic;
    private Integer breathing;

    private PatientCaseSampler(Random r) {
        this.r = r;
        this.female = r.nextBoolean();
    }

    static PatientCase sample(Random r) {
        PatientCaseSampler s = new PatientCaseSampler(r);
        TriageLevel profile = Draw.one(r, TriageLevel.values());
        s.baseline(profile == TriageLevel.SELF_CARE);
        s.change(profile);
        if (Draw.chance(r, 0.2)) {
            s.change(Draw.one(r, TriageLevel.values()));
        }
        return s.build();
    }

    private void baseline(boolean selfCare) {
        age = selfCare ? Draw.between(r, 5, 64) : switch (r.nextInt(20)) {
            case 0, 1 -> 0;
            case 2, 3, 4 -> Draw.between(r, 1, 12);
            case 5, 6, 7, 8 -> Draw.between(r, 65, 95);
            default -> Draw.between(r, 13, 64);
        };
        List<Symptom> mild = new ArrayList<>(Symptom.of(Severity.MILD));
        Collections.shuffle(mild, r);
        symptoms.addAll(mild.subList(0, Draw.between(r, 1, 2)));
        hours = selfCare || Draw.chance(r, 0.75) ? shortDuration() : Draw.between(r, 7, 28) * 24;
        temperature = maybe(Draw.between(r, 360, 379));
        heart = maybe(Draw.between(r, 60, 100));
        oxygen = maybe(Draw.between(r, 95, 100));
        if (Draw.chance(r, 0.5)) {
            systolic = Draw.between(r, 100, 139);
            diastolic = Draw.between(r, 60, 89);
        }
        breathing = maybe(Draw.between(r, 12, 20));
    }

    /** Under a week, in hours or whole days. */
    private int shortDuration() {
        return Draw.chance(r, 0.4) ? Draw.between(r, 1, 23) : Draw.between(r, 1, 6) * 24;
    }

    private Integer maybe(int value) {
        return Draw.chance(r, 0.5) ? value : null;
    }

    private void change(TriageLevel level) {
        switch (level) {
            case EMERGENCY -> {
                switch (r.nextInt(6)) {
                    case 0, 1 -> insert(Draw.one(r, Symptom.of(Severity.RED_FLAG)));
                    case 2 -> oxygen = Draw.between(r, 80, 91);
                    case 3 -> bloodPressure(Draw.between(r, 70, 89), Draw.between(r, 40, 59));
                    case 4 -> heart = Draw.chance(r, 0.7) ? Draw.between(r, 131, 180) : Draw.between(r, 30, 39);
                    default -> {
                        if (Draw.chance(r, 0.5)) {
                            temperature = Draw.between(r, 400, 415);
                        } else {
                            breathing = Draw.between(r, 31, 40);
                        }
                    }
                }
            }
            case URGENT -> {
                switch (r.nextInt(7)) {
                    case 0 -> temperature = Draw.between(r, 390, 399);
                    case 1 -> {
                        temperature = Draw.between(r, 380, 389);
                        age = Draw.chance(r, 0.5) ? Draw.between(r, 65, 95) : Draw.between(r, 0, 2);
                    }
                    case 2 -> heart = Draw.between(r, 110, 130);
                    case 3 -> oxygen = Draw.between(r, 92, 94);
                    case 4 -> bloodPressure(Draw.between(r, 180, 210), Draw.between(r, 95, 125));
                    case 5 -> breathing = Draw.between(r, 25, 30);
                    default -> {
                        addModerate();
                        hours = Draw.between(r, 3, 13) * 24;
                    }
                }
            }
            case ROUTINE -> {
                switch (r.nextInt(4)) {
                    case 0 -> {
                        addModerate();
                        hours = shortDuration();
                    }
                    case 1 -> hours = Draw.chance(r, 0.5) ? Draw.between(r, 7, 13) * 24 : Draw.between(r, 1, 4) * 7 * 24;
                    case 2 -> {
                        temperature = Draw.between(r, 380, 389);
                        age = Draw.between(r, 3, 64);
                    }
                    default -> bloodPressure(Draw.between(r, 140, 179), Draw.between(r, 90, 109));
                }
            }
            case SELF_CARE -> hours = shortDuration();
        }
    }

    private void addModerate() {
        insert(Draw.one(r, Symptom.of(Severity.MODERATE)));
    }

    /** Adds a symptom at a random place, so that the serious one is not always said last. */
    private void insert(Symptom s) {
        if (!symptoms.contains(s)) {
            symptoms.add(r.nextInt(symptoms.size() + 1), s);
        }
    }

    private void bloodPressure(int sys, int dia) {
        systolic = sys;
        diastolic = dia;
    }

    private PatientCase build() {
        return new PatientCase(age, female, symptoms, hours, Optional.ofNullable(temperature),
                Optional.ofNullable(heart), Optional.ofNullable(oxygen), Optional.ofNullable(systolic),
                Optional.ofNullable(diastolic), Optional.ofNullable(breathing));
    }
}
