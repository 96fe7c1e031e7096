package io.edgellm.engine.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Says a {@link PatientCase} in one of several styles (clinical note, terse report,
 * structured form, first person, worried parent), with varied words for symptoms, durations
 * and vital signs. Every number of the case appears in the text, so the text determines the
 * case's triage decision.
 */
final class CaseReport {

    private enum Style { NOTE, TERSE, FORM, COMPLAINT, FIRST_PERSON, PARENT }

    private final Random r;
    private final PatientCase c;

    private CaseReport(Random r, PatientCase c) {
        this.r = r;
        this.c = c;
    }

    static String render(Random r, PatientCase c) {
        return new CaseReport(r, c).render();
    }

    private String render() {
        List<String> vitals = vitals();
        String symptoms = joinAnd(c.symptoms().stream().map(s -> Draw.one(r, s.phrasings())).toList());
        String duration = duration();
        List<Style> styles = new ArrayList<>(List.of(Style.NOTE, Style.TERSE, Style.FORM, Style.COMPLAINT));
        styles.add(c.age() >= 18 ? Style.FIRST_PERSON : c.age() < 13 ? Style.PARENT : Style.NOTE);
        String text = switch (Draw.one(r, styles)) {
            case NOTE -> Words.withArticle(subject()) + " with " + symptoms + " " + duration + "." + sentence("", vitals);
            case TERSE -> subject() + ", reports " + symptoms + " " + duration + "." + sentence("", vitals);
            case FORM -> structured(symptoms, vitals);
            case COMPLAINT -> subject() + " complaining of " + symptoms + " " + duration + "." + sentence("", vitals);
            case FIRST_PERSON -> "I am " + c.age() + " years old and I have had " + symptoms + " " + duration + "."
                    + sentence("my readings: ", vitals);
            case PARENT -> "my " + child() + " has had " + symptoms + " " + duration + "." + sentence("", vitals);
        };
        return Draw.chance(r, 0.5) ? Words.capitalize(text) : text;
    }

    private String structured(String symptoms, List<String> vitals) {
        String age = c.age() == 0 ? months() + " months" : Integer.toString(c.age());
        String s = "age: " + age + "; sex: " + (c.female() ? "female" : "male") + "; symptoms: " + symptoms
                + "; duration: " + amount(c.durationHours());
        return vitals.isEmpty() ? s : s + "; vitals: " + String.join(", ", vitals);
    }

    private static String sentence(String lead, List<String> vitals) {
        return vitals.isEmpty() ? "" : " " + Words.capitalize(lead + String.join(", ", vitals)) + ".";
    }

    /** e.g. "67-year-old man", "8-month-old baby", "woman aged 45". */
    private String subject() {
        if (c.age() == 0) {
            return months() + "-month-old baby";
        }
        String noun = c.age() < 13 ? Draw.one(r, c.female() ? "girl" : "boy", "child")
                : c.age() < 18 ? Draw.one(r, c.female() ? "girl" : "boy", "teenager")
                : Draw.one(r, c.female() ? "woman" : "man", c.female() ? "female" : "male");
        if (c.age() >= 18 && !noun.endsWith("male") && Draw.chance(r, 0.3)) {
            return noun + " aged " + c.age();
        }
        return c.age() + Draw.one(r, "-year-old ", " year old ") + noun;
    }

    private String child() {
        if (c.age() == 0) {
            return months() + "-month-old baby";
        }
        return c.age() + "-year-old " + (c.female() ? "daughter" : "son");
    }

    /** Babies' ages are said in months; the number is not used by the rules (any baby is under 3). */
    private int months() {
        return Draw.between(r, 2, 11);
    }

    private String duration() {
        int h = c.durationHours();
        if (h == 24 && Draw.chance(r, 0.4)) {
            return "since yesterday";
        }
        String amount = amount(h);
        if (amount.equals("a week")) {
            return Draw.one(r, "for a week", "for the past week");
        }
        return Draw.one(r, "for ", "for the past ") + amount;
    }

    /** "5 hours", "3 days", "two weeks", "a week": whole weeks may be said as weeks. */
    private String amount(int hours) {
        if (hours < 24) {
            return count(hours, "hour");
        }
        int days = hours / 24;
        if (days % 7 == 0 && Draw.chance(r, 0.7)) {
            int weeks = days / 7;
            return weeks == 1 ? "a week" : count(weeks, "week");
        }
        return count(days, "day");
    }

    private String count(int n, String unit) {
        String number = n <= 10 && Draw.chance(r, 0.3) ? Words.number(n) : Integer.toString(n);
        return number + " " + unit + (n == 1 ? "" : "s");
    }

    private List<String> vitals() {
        List<String> v = new ArrayList<>();
        c.temperatureTenths().ifPresent(t -> v.add(Draw.one(r, "temperature %s C", "temp %s C", "temperature of %s degrees")
                .formatted(t / 10 + "." + t % 10)));
        c.heartRate().ifPresent(h -> v.add(Draw.one(r, "heart rate %d", "pulse %d", "HR %d", "pulse of %d bpm").formatted(h)));
        c.oxygenPercent().ifPresent(o -> v.add(Draw.one(r, "oxygen %d%%", "SpO2 %d%%", "oxygen saturation %d%%", "oxygen level %d%%")
                .formatted(o)));
        c.systolic().ifPresent(s -> v.add(Draw.one(r, "blood pressure %d/%d", "BP %d/%d", "blood pressure of %d over %d")
                .formatted(s, c.diastolic().orElseThrow())));
        c.breathingRate().ifPresent(b -> v.add(Draw.one(r, "breathing rate %d", "respiratory rate %d", "%d breaths per minute", "RR %d")
                .formatted(b)));
        Collections.shuffle(v, r);
        return v;
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
