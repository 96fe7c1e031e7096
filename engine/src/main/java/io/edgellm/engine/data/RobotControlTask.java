package io.edgellm.engine.data;

import io.edgellm.engine.data.RobotSkill.Clause;
import io.edgellm.engine.data.RobotWorld.Thing;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Robot control (the paper's embodied-agent application): a spoken-style instruction, with
 * distractor sentences that require no action, maps to a plan in a small action language,
 * e.g. {@code instruction: pick up the red cube and put it on the blue tray\nplan:} →
 * {@code " PICK(red_cube) ; PLACE(blue_tray)"}. See docs/TASKS.md for the grammar.
 */
public final class RobotControlTask implements Task {

    public static final String NAME = "robot";
    static final String PROMPT_PREFIX = "instruction: ";
    static final String PROMPT_CUE = "\nplan:";
    static final String ACTION_SEPARATOR = " ; ";

    @Override
    public String name() {
        return NAME;
    }

    /** The skill of the first action of the plan, e.g. "pick_place". */
    @Override
    public List<String> categories() {
        return RobotSkill.labels();
    }

    @Override
    public Example sample(Random r) {
        RobotWorld world = new RobotWorld(r);
        int clauses = Draw.one(r, 1, 1, 1, 2, 2, 3);
        List<Clause> steps = new ArrayList<>();
        for (int i = 0; i < clauses; i++) {
            steps.add(Draw.one(r, RobotSkill.values()).clause(r, world));
        }
        List<String> sentences = new ArrayList<>();
        int distractors = Draw.one(r, 0, 0, 0, 1, 1, 2);
        for (int i = 0; i < distractors; i++) {
            sentences.add(distractor(r, world));
        }
        boolean commandLast = distractors == 0 || Draw.chance(r, 0.5);
        String command = politely(r, sequence(r, steps), commandLast);
        sentences.add(commandLast ? sentences.size() : 0, command);
        String instruction = String.join(" ", sentences);
        List<String> actions = new ArrayList<>();
        steps.forEach(s -> actions.addAll(s.actions()));
        return new Example(PROMPT_PREFIX + instruction + PROMPT_CUE, " " + String.join(ACTION_SEPARATOR, actions),
                steps.getFirst().skill().label());
    }

    /** Joins clauses in execution order; two clauses may be said in reverse ("B after you A"). */
    private static String sequence(Random r, List<Clause> steps) {
        if (steps.size() == 2 && Draw.chance(r, 0.25)) {
            String a = steps.get(0).text();
            String b = steps.get(1).text();
            return Draw.chance(r, 0.5) ? b + " after you " + a : "before you " + b + ", " + a;
        }
        StringBuilder sb = new StringBuilder(steps.getFirst().text());
        if (steps.size() > 1 && Draw.chance(r, 0.2)) {
            sb.insert(0, "first ");
        }
        for (int i = 1; i < steps.size(); i++) {
            sb.append(Draw.one(r, ", then ", " and then ", " then ", ", after that ", " and ", ", next ")).append(steps.get(i).text());
        }
        return sb.toString();
    }

    /** Adds politeness; only a command that ends the text may lack a full stop. */
    private static String politely(Random r, String command, boolean last) {
        if (Draw.chance(r, 0.1)) {
            return capitalizeMaybe(r, "could you " + command + "?");
        }
        String prefix = Draw.one(r, "", "", "", "please ", "robot, ", "hey robot, ", "now ");
        String suffix = Draw.one(r, "", "", "", " please", " now", ", thank you", " right away");
        String end = last ? Draw.one(r, ".", ".", "", "!") : Draw.one(r, ".", ".", "!");
        return capitalizeMaybe(r, prefix + command + suffix + end);
    }

    /** A sentence about something else that asks for no action. */
    private static String distractor(Random r, RobotWorld world) {
        Thing t = world.item();
        String sentence = switch (r.nextInt(7)) {
            case 0 -> "the " + t.words() + " is on the " + world.receptacle().words() + ".";
            case 1 -> "there is " + Words.withArticle(t.words()) + " next to the " + Draw.one(r, RobotWorld.LOCATIONS) + ".";
            case 2 -> Words.withArticle(t.words()) + " fell on the floor.";
            case 3 -> "do not touch the " + t.words() + ".";
            case 4 -> "leave the " + t.words() + " where it is.";
            case 5 -> "ignore the " + t.words() + ".";
            default -> "don't move the " + t.words() + ".";
        };
        return capitalizeMaybe(r, sentence);
    }

    private static String capitalizeMaybe(Random r, String s) {
        return Draw.chance(r, 0.5) ? Words.capitalize(s) : s;
    }
}
