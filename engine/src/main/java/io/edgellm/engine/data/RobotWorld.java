package io.edgellm.engine.data;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The things the robot task talks about. Objects and receptacles are a colour and a kind
 * ("red cube", id {@code red_cube}); ids name them in the action language. One world is used
 * per instruction so that each thing is mentioned in one role only: an object that is acted on
 * is never also the subject of a distractor sentence.
 */
final class RobotWorld {

    static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "black", "white", "orange", "purple");
    static final List<String> ITEMS = List.of("cube", "ball", "block", "cup", "bottle", "can", "toy", "sponge");
    /** Items something can be stacked on. */
    static final List<String> STACKABLE = List.of("cube", "block");
    static final List<String> RECEPTACLES = List.of("tray", "bin", "basket", "box", "plate", "shelf");
    static final List<String> LOCATIONS = List.of("kitchen", "door", "window", "charger", "table", "desk", "sink",
            "hallway", "garage", "bedroom");
    static final List<String> OPENABLES = List.of("door", "drawer", "fridge", "cabinet", "window", "oven");

    /** A coloured thing: spoken as "red cube", written as red_cube. */
    record Thing(String color, String kind) {
        String words() {
            return color + " " + kind;
        }

        String id() {
            return color + "_" + kind;
        }
    }

    private final Random random;
    private final Set<Thing> used = new HashSet<>();

    RobotWorld(Random random) {
        this.random = random;
    }

    /** A new item, not yet mentioned in this instruction. */
    Thing item() {
        return fresh(ITEMS);
    }

    Thing stackable() {
        return fresh(STACKABLE);
    }

    Thing receptacle() {
        return fresh(RECEPTACLES);
    }

    private Thing fresh(List<String> kinds) {
        while (true) {
            Thing t = new Thing(Draw.one(random, COLORS), Draw.one(random, kinds));
            if (used.add(t)) {
                return t;
            }
        }
    }

    /** "on"/"in" as English puts things on trays but in bins. */
    static String preposition(String receptacleKind, Random random) {
        boolean inside = receptacleKind.equals("bin") || receptacleKind.equals("basket") || receptacleKind.equals("box");
        return inside ? Draw.one(random, "in", "into") : Draw.one(random, "on", "onto");
    }
}
