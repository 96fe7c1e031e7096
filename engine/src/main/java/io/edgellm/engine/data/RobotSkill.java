package io.edgellm.engine.data;

import io.edgellm.engine.data.RobotWorld.Thing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The kinds of clause in a robot instruction. Each draws its arguments, says them in one of
 * several phrasings (imperative, so that "after you ..." reuses the same words) and gives the
 * actions they mean; the actions depend only on the arguments, never on the phrasing.
 */
enum RobotSkill {

    PICK_PLACE {
        @Override
        Clause clause(Random r, RobotWorld world) {
            Thing o = world.item();
            if (Draw.chance(r, 0.2)) {
                Thing base = world.stackable();
                String text = Draw.one(r, "stack the %s on the %s", "stack the %s on top of the %s", "put the %s on top of the %s")
                        .formatted(o.words(), base.words());
                return new Clause(this, text, List.of(pick(o), place(base)));
            }
            Thing t = world.receptacle();
            String what = "the " + o.words();
            String where = RobotWorld.preposition(t.kind(), r) + " the " + t.words();
            String text = switch (r.nextInt(8)) {
                case 0 -> "pick up " + what + " and put it " + where;
                case 1 -> "pick up " + what + " and place it " + where;
                case 2 -> "grab " + what + " and drop it " + where;
                case 3 -> "take " + what + " and set it " + where;
                case 4 -> "put " + what + " " + where;
                case 5 -> "place " + what + " " + where;
                case 6 -> "move " + what + " to the " + t.words();
                default -> "bring " + what + " to the " + t.words();
            };
            return new Clause(this, text, List.of(pick(o), place(t)));
        }
    },

    PICK {
        @Override
        Clause clause(Random r, RobotWorld world) {
            Thing o = world.item();
            String verb = Draw.one(r, "pick up", "grab", "take", "lift", "get", "pick");
            String text = verb.equals("pick") ? "pick the " + o.words() + " up" : verb + " the " + o.words();
            return new Clause(this, text, List.of(pick(o)));
        }
    },

    MOVE {
        @Override
        Clause clause(Random r, RobotWorld world) {
            String place = Draw.one(r, RobotWorld.LOCATIONS);
            String verb = Draw.one(r, "go to", "move to", "drive to", "head to", "navigate to", "roll over to");
            return new Clause(this, verb + " the " + place, List.of("MOVE(" + place + ")"));
        }
    },

    OPEN {
        @Override
        Clause clause(Random r, RobotWorld world) {
            String thing = Draw.one(r, RobotWorld.OPENABLES);
            String text = Draw.one(r, "open the %s", "pull the %s open").formatted(thing);
            return new Clause(this, text, List.of("OPEN(" + thing + ")"));
        }
    },

    CLOSE {
        @Override
        Clause clause(Random r, RobotWorld world) {
            String thing = Draw.one(r, RobotWorld.OPENABLES);
            String text = Draw.one(r, "close the %s", "shut the %s", "push the %s closed").formatted(thing);
            return new Clause(this, text, List.of("CLOSE(" + thing + ")"));
        }
    },

    PUSH {
        @Override
        Clause clause(Random r, RobotWorld world) {
            Thing o = world.item();
            String direction = Draw.one(r, "left", "right", "forward", "back");
            String said = switch (direction) {
                case "left", "right" -> Draw.one(r, direction, "to the " + direction);
                case "forward" -> Draw.one(r, "forward", "ahead");
                default -> Draw.one(r, "back", "backward");
            };
            String verb = Draw.one(r, "push", "slide", "nudge");
            return new Clause(this, verb + " the " + o.words() + " " + said, List.of("PUSH(" + o.id() + "," + direction + ")"));
        }
    },

    TURN {
        @Override
        Clause clause(Random r, RobotWorld world) {
            if (Draw.chance(r, 0.15)) {
                return new Clause(this, Draw.one(r, "turn around", "spin around"), List.of("TURN(around)"));
            }
            String direction = Draw.one(r, "left", "right");
            String text = Draw.one(r, "turn %s", "rotate %s", "turn to the %s").formatted(direction);
            int times = Draw.one(r, 1, 1, 1, 2, 3);
            if (times > 1) {
                text += " " + (times == 2 ? Draw.one(r, "twice", "two times") : "three times");
            }
            return new Clause(this, text, Collections.nCopies(times, "TURN(" + direction + ")"));
        }
    },

    WAIT {
        @Override
        Clause clause(Random r, RobotWorld world) {
            int seconds = Draw.between(r, 1, 10);
            String amount = (Draw.chance(r, 0.5) ? Integer.toString(seconds) : Words.number(seconds))
                    + (seconds == 1 ? " second" : " seconds");
            String text = Draw.one(r, "wait %s", "wait for %s", "pause for %s", "stay still for %s", "hold on for %s")
                    .formatted(amount);
            return new Clause(this, text, List.of("WAIT(" + seconds + ")"));
        }
    };

    /** Words of one clause and the actions they mean. */
    record Clause(RobotSkill skill, String text, List<String> actions) {
        Clause {
            actions = List.copyOf(actions);
        }
    }

    abstract Clause clause(Random r, RobotWorld world);

    /** The category label of examples whose first action comes from this skill. */
    String label() {
        return name().toLowerCase();
    }

    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (RobotSkill s : values()) {
            labels.add(s.label());
        }
        return List.copyOf(labels);
    }

    private static String pick(Thing o) {
        return "PICK(" + o.id() + ")";
    }

    private static String place(Thing t) {
        return "PLACE(" + t.id() + ")";
    }
}
