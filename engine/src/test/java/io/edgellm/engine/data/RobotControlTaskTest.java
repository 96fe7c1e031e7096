package io.edgellm.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RobotControlTaskTest {

    private final RobotControlTask task = new RobotControlTask();
    private static final List<Example> examples = new RobotControlTask().generate(11, 3000);

    private static final Pattern ACTION = Pattern.compile(
            "PICK\\([a-z]+_[a-z]+\\)|PLACE\\([a-z]+_[a-z]+\\)|MOVE\\([a-z]+\\)|OPEN\\([a-z]+\\)|CLOSE\\([a-z]+\\)"
                    + "|PUSH\\([a-z]+_[a-z]+,(left|right|forward|back)\\)|TURN\\((left|right|around)\\)|WAIT\\(([1-9]|10)\\)");

    @Test
    void promptsAndPlansFollowTheDocumentedFormat() {
        for (Example e : examples) {
            assertTrue(e.prompt().startsWith("instruction: ") && e.prompt().endsWith("\nplan:"), e.prompt());
            assertTrue(e.completion().startsWith(" "), e.completion());
            for (String action : e.completion().substring(1).split(" ; ", -1)) {
                assertTrue(ACTION.matcher(action).matches(), "bad action '" + action + "' in " + e.completion());
            }
            assertTrue(task.categories().contains(e.category()), e.category());
        }
    }

    @Test
    void sameSeedSameExamplesOtherSeedOthers() {
        assertEquals(examples, task.generate(11, 3000));
        assertNotEquals(examples.subList(0, 20), task.generate(12, 20));
        assertEquals(3000, examples.stream().map(e -> ExactMatch.normalize(e.prompt())).distinct().count());
    }

    @Test
    void everySkillIsCommonAndInstructionsVary() {
        Map<String, Integer> counts = new TreeMap<>();
        examples.forEach(e -> counts.merge(e.category(), 1, Integer::sum));
        assertEquals(task.categories().size(), counts.size());
        counts.forEach((skill, n) -> assertTrue(n > 3000 / 16, skill + " " + n));
        long multiStep = examples.stream().filter(e -> e.completion().contains(" ; ")).count();
        long withDistractor = examples.stream().filter(e -> e.prompt().split("[.!?] ").length > 1).count();
        assertTrue(multiStep > 900 && multiStep < 2100, "multi-step " + multiStep);
        assertTrue(withDistractor > 900, "with distractors " + withDistractor);
    }

    /** The plan is a function of the instruction: an interpreter written from docs/TASKS.md recovers it. */
    @Test
    void anIndependentInterpreterOfTheGrammarRecoversEveryPlan() {
        for (Example e : examples) {
            assertEquals(e.completion().strip(), Interpreter.plan(e.prompt()), e.prompt());
        }
    }

    /** Reads instructions by the grammar of docs/TASKS.md, without using the generator's code. */
    private static final class Interpreter {

        private static final String THING = "(\\w+) (\\w+)";
        private static final Pattern DISTRACTOR = Pattern.compile("(the " + THING + " is on the \\w+ \\w+"
                + "|there is an? \\w+ \\w+ next to the \\w+|an? \\w+ \\w+ fell on the floor|do not touch the \\w+ \\w+"
                + "|leave the \\w+ \\w+ where it is|ignore the \\w+ \\w+|don't move the \\w+ \\w+)\\.");
        private static final Pattern CONNECTOR = Pattern.compile(
                ", then |, after that |, next | and then | then | and (?!(?:put|place|drop|set) it )");
        private static final List<String> NUMBERS = IntStream.rangeClosed(0, 10).mapToObj(Words::number).toList();

        static String plan(String prompt) {
            String text = prompt.substring("instruction: ".length(), prompt.length() - "\nplan:".length()).toLowerCase();
            List<String> commands = new ArrayList<>();
            for (String sentence : text.split("(?<=[.!?]) ")) {
                if (!DISTRACTOR.matcher(sentence).matches()) {
                    commands.add(sentence);
                }
            }
            assertEquals(1, commands.size(), "one command sentence in: " + text);
            return String.join(" ; ", command(commands.getFirst()));
        }

        private static List<String> command(String c) {
            c = c.replaceFirst("[.!?]$", "");
            c = c.replaceFirst("^could you ", "").replaceFirst("^(please |robot, |hey robot, |now )", "");
            c = c.replaceFirst("( please| now|, thank you| right away)$", "");
            List<String> clauses = new ArrayList<>();
            Matcher after = Pattern.compile("^(.*) after you (.*)$").matcher(c);
            Matcher before = Pattern.compile("^before you (.*?), (.*)$").matcher(c);
            if (after.matches()) {
                clauses.addAll(List.of(after.group(2), after.group(1)));
            } else if (before.matches()) {
                clauses.addAll(List.of(before.group(2), before.group(1)));
            } else {
                clauses.addAll(List.of(CONNECTOR.split(c.replaceFirst("^first ", ""))));
            }
            List<String> actions = new ArrayList<>();
            clauses.forEach(clause -> actions.addAll(clause(clause)));
            return actions;
        }

        private static List<String> clause(String c) {
            String thing = THING;
            Matcher m;
            if ((m = match(c, "(?:pick up|grab|take) the " + thing + " and (?:put|place|drop|set) it (?:in|into|on|onto) the " + thing)).matches()
                    || (m = match(c, "(?:put|place) the " + thing + " (?:in|into|on|onto) the " + thing)).matches()
                    || (m = match(c, "(?:move|bring) the " + thing + " to the " + thing)).matches()
                    || (m = match(c, "(?:stack|put) the " + thing + " on (?:top of )?the " + thing)).matches()) {
                return List.of("PICK(" + m.group(1) + "_" + m.group(2) + ")", "PLACE(" + m.group(3) + "_" + m.group(4) + ")");
            }
            if ((m = match(c, "(?:pick up|grab|take|lift|get) the " + thing)).matches() || (m = match(c, "pick the " + thing + " up")).matches()) {
                return List.of("PICK(" + m.group(1) + "_" + m.group(2) + ")");
            }
            if ((m = match(c, "(?:go|move|drive|head|navigate|roll over) to the (\\w+)")).matches()) {
                return List.of("MOVE(" + m.group(1) + ")");
            }
            if ((m = match(c, "open the (\\w+)|pull the (\\w+) open")).matches()) {
                return List.of("OPEN(" + (m.group(1) != null ? m.group(1) : m.group(2)) + ")");
            }
            if ((m = match(c, "(?:close|shut) the (\\w+)|push the (\\w+) closed")).matches()) {
                return List.of("CLOSE(" + (m.group(1) != null ? m.group(1) : m.group(2)) + ")");
            }
            if ((m = match(c, "(?:push|slide|nudge) the " + thing + " (?:to the )?(left|right|forward|ahead|back|backward)")).matches()) {
                String d = switch (m.group(3)) {
                    case "ahead" -> "forward";
                    case "backward" -> "back";
                    default -> m.group(3);
                };
                return List.of("PUSH(" + m.group(1) + "_" + m.group(2) + "," + d + ")");
            }
            if (match(c, "(?:turn|spin) around").matches()) {
                return List.of("TURN(around)");
            }
            if ((m = match(c, "(?:turn|rotate|turn to the) (left|right)(?: (twice|two times|three times))?")).matches()) {
                int times = m.group(2) == null ? 1 : m.group(2).startsWith("three") ? 3 : 2;
                return java.util.Collections.nCopies(times, "TURN(" + m.group(1) + ")");
            }
            if ((m = match(c, "(?:wait|wait for|pause for|stay still for|hold on for) (\\w+) seconds?")).matches()) {
                String n = m.group(1);
                return List.of("WAIT(" + (NUMBERS.contains(n) ? NUMBERS.indexOf(n) : Integer.parseInt(n)) + ")");
            }
            throw new AssertionError("clause not in the documented grammar: '" + c + "'");
        }

        private static Matcher match(String text, String regex) {
            return Pattern.compile(regex).matcher(text);
        }
    }
}
