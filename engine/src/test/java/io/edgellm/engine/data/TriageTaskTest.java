package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TriageTaskTest {

    private static final TriageTask TASK = new TriageTask();
    private static final List<Example> EXAMPLES = TASK.generate(5, 3000);

    @Test
    void answersFollowTheDocumentedFormat() {
        Pattern answer = Pattern.compile(" (EMERGENCY|URGENT|ROUTINE|SELF-CARE) \\| [a-z ]+ \\| (.+)");
        for (Example e : EXAMPLES) {
            assertTrue(e.prompt().startsWith("patient: ") && e.prompt().endsWith("\ntriage:"), e.prompt());
            Matcher m = answer.matcher(e.completion());
            assertTrue(m.matches(), e.completion());
            assertEquals(m.group(1), e.category());
            TriageLevel level = TriageLevel.values()[TASK.categories().indexOf(m.group(1))];
            assertEquals(level.advice(), m.group(2));
        }
    }

    @Test
    void everyLevelIsCommon() {
        Map<String, Integer> counts = new TreeMap<>();
        EXAMPLES.forEach(e -> counts.merge(e.category(), 1, Integer::sum));
        assertEquals(4, counts.size(), counts.toString());
        counts.forEach((level, n) -> assertTrue(n > 3000 * 0.15, level + " " + n));
    }

    @Test
    void deterministicForASeed() {
        assertEquals(EXAMPLES.subList(0, 100), TASK.generate(5, 100));
    }

    private static PatientCase patient(int age, List<Symptom> symptoms, int hours, Integer temp, Integer heart, Integer oxygen,
            Integer systolic, Integer breathing) {
        return new PatientCase(age, false, symptoms, hours, Optional.ofNullable(temp), Optional.ofNullable(heart),
                Optional.ofNullable(oxygen), Optional.ofNullable(systolic), Optional.ofNullable(systolic == null ? null : 80),
                Optional.ofNullable(breathing));
    }

    private static String decide(int age, List<Symptom> symptoms, int hours, Integer temp, Integer heart, Integer oxygen,
            Integer systolic, Integer breathing) {
        TriageRules.Decision d = TriageRules.decide(patient(age, symptoms, hours, temp, heart, oxygen, systolic, breathing));
        return d.level().label() + " | " + d.reason();
    }

    @Test
    void rulesAtTheirThresholds() {
        List<Symptom> cold = List.of(Symptom.RUNNY_NOSE);
        assertEquals("EMERGENCY | low oxygen", decide(40, cold, 5, null, null, 91, null, null));
        assertEquals("URGENT | borderline oxygen", decide(40, cold, 5, null, null, 92, null, null));
        assertEquals("URGENT | borderline oxygen", decide(40, cold, 5, null, null, 94, null, null));
        assertEquals("SELF-CARE | mild symptoms", decide(40, cold, 5, null, null, 95, null, null));
        assertEquals("EMERGENCY | very high fever", decide(40, cold, 5, 400, null, null, null, null));
        assertEquals("URGENT | high fever", decide(40, cold, 5, 399, null, null, null, null));
        assertEquals("URGENT | fever in an older adult", decide(65, cold, 5, 380, null, null, null, null));
        assertEquals("ROUTINE | fever", decide(64, cold, 5, 380, null, null, null, null));
        assertEquals("URGENT | fever in a young child", decide(2, cold, 5, 385, null, null, null, null));
        assertEquals("SELF-CARE | mild symptoms", decide(2, cold, 5, 379, null, null, null, null));
        assertEquals("EMERGENCY | very fast heart rate", decide(40, cold, 5, null, 131, null, null, null));
        assertEquals("URGENT | fast heart rate", decide(40, cold, 5, null, 130, null, null, null));
        assertEquals("URGENT | fast heart rate", decide(40, cold, 5, null, 110, null, null, null));
        assertEquals("EMERGENCY | very slow heart rate", decide(40, cold, 5, null, 39, null, null, null));
        assertEquals("EMERGENCY | low blood pressure", decide(40, cold, 5, null, null, null, 89, null));
        assertEquals("URGENT | very high blood pressure", decide(40, cold, 5, null, null, null, 180, null));
        assertEquals("ROUTINE | high blood pressure", decide(40, cold, 5, null, null, null, 140, null));
        assertEquals("EMERGENCY | very fast breathing", decide(40, cold, 5, null, null, null, null, 31));
        assertEquals("URGENT | fast breathing", decide(40, cold, 5, null, null, null, null, 25));
        assertEquals("ROUTINE | symptoms for a week or more", decide(40, cold, 168, null, null, null, null, null));
        assertEquals("SELF-CARE | mild symptoms", decide(40, cold, 167, null, null, null, null, null));
    }

    @Test
    void symptomRulesAndTheirOrder() {
        assertEquals("URGENT | persistent vomiting", decide(30, List.of(Symptom.COUGH, Symptom.VOMITING), 72, null, null, null, null, null));
        assertEquals("ROUTINE | vomiting", decide(30, List.of(Symptom.VOMITING), 71, null, null, null, null, null));
        assertEquals("EMERGENCY | chest pain", decide(30, List.of(Symptom.SEIZURE, Symptom.CHEST_PAIN), 1, null, null, 85, null, null),
                "a red flag outranks vitals; of two red flags the first in the table is the reason");
        assertEquals("ROUTINE | severe headache", decide(30, List.of(Symptom.RASH, Symptom.SEVERE_HEADACHE), 2, 385, null, null, 150, null),
                "a moderate symptom outranks fever and blood pressure within ROUTINE");
        assertEquals("URGENT | high fever", decide(30, List.of(Symptom.DIZZINESS), 100, 390, null, null, null, null),
                "earlier URGENT rules outrank a persistent symptom");
    }

    /** Every fact the rules use can be read back from the report, and gives the report's answer. */
    @Test
    void theReportDeterminesTheAnswer() {
        for (Example e : EXAMPLES) {
            PatientCase read = ReportReader.read(e.prompt());
            assertEquals(e.completion(), TriageRules.decide(read).answer(), e.prompt());
        }
    }

    /** Reads a report back into a case with the phrasings of docs/TASKS.md. */
    private static final class ReportReader {

        private static final List<String> NUMBERS = IntStream.rangeClosed(0, 10).mapToObj(Words::number).toList();

        static PatientCase read(String prompt) {
            String text = prompt.toLowerCase();
            return new PatientCase(age(text), false, symptoms(text), hours(text),
                    find(text, "(?:temperature|temp|temperature of) (\\d+)\\.(\\d) (?:c|degrees)").map(m -> 10 * Integer.parseInt(m.group(1))
                            + Integer.parseInt(m.group(2))),
                    integer(text, "(?:heart rate|pulse|hr|pulse of) (\\d+)"),
                    integer(text, "(\\d+)%"),
                    integer(text, "(?:blood pressure|bp|blood pressure of) (\\d+)(?:/| over )"),
                    integer(text, "(?:blood pressure|bp|blood pressure of) \\d+(?:/| over )(\\d+)"),
                    integer(text, "(?:(?:breathing rate|respiratory rate|rr) (\\d+)|(\\d+) breaths per minute)"));
        }

        private static Optional<Matcher> find(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            return m.find() ? Optional.of(m) : Optional.empty();
        }

        private static Optional<Integer> integer(String text, String regex) {
            return find(text, regex).map(m -> Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
        }

        private static int age(String text) {
            if (find(text, "month").isPresent()) {
                return 0;
            }
            return integer(text, "(?:(\\d+)[- ]year[- ]old|aged (\\d+))").or(() -> integer(text, "(?:age: (\\d+)|i am (\\d+) years old)"))
                    .orElseThrow(() -> new AssertionError("no age in " + text));
        }

        private static int hours(String text) {
            if (text.contains("since yesterday")) {
                return 24;
            }
            if (text.contains("a week") || text.contains("past week")) {
                return 168;
            }
            Matcher m = find(text, "(\\d+|" + String.join("|", NUMBERS) + ") (hour|day|week)s?\\b").orElseThrow();
            int n = NUMBERS.contains(m.group(1)) ? NUMBERS.indexOf(m.group(1)) : Integer.parseInt(m.group(1));
            return n * switch (m.group(2)) {
                case "hour" -> 1;
                case "day" -> 24;
                default -> 168;
            };
        }

        /** Longest phrasings first, each match removed, so "coughing up blood" is not also read as "coughing". */
        private static List<Symptom> symptoms(String text) {
            List<Map.Entry<String, Symptom>> phrasings = new ArrayList<>();
            for (Symptom s : Symptom.values()) {
                s.phrasings().forEach(p -> phrasings.add(Map.entry(p, s)));
            }
            phrasings.sort(Comparator.comparingInt((Map.Entry<String, Symptom> p) -> p.getKey().length()).reversed());
            List<Symptom> found = new ArrayList<>();
            String rest = text;
            for (Map.Entry<String, Symptom> p : phrasings) {
                if (rest.contains(p.getKey())) {
                    found.add(p.getValue());
                    rest = rest.replace(p.getKey(), "#");
                }
            }
            return found;
        }
    }
}
