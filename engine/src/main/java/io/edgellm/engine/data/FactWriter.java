package io.edgellm.engine.data;

import static io.edgellm.engine.data.Words.capitalize;
import static io.edgellm.engine.data.Words.withArticle;

import io.edgellm.engine.data.EnglishLexicon.Animal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * True simple facts — about animals, numbers, days, seasons and the world — as statements or
 * as question-and-answer pairs. Numbers stay within twenty so they can be said as words.
 */
final class FactWriter {

    private static final List<String> WORLD = List.of(
            "the sky is blue.", "grass is green.", "snow is white and cold.", "the sun is hot and bright.",
            "fire is hot.", "ice is cold.", "bananas are yellow.", "apples can be red or green.", "fish live in water.",
            "birds have wings.", "a week has seven days.", "a year has twelve months.", "winter is cold.",
            "summer is hot.", "we see the moon at night.", "we sleep in a bed.", "we read books to learn.",
            "plants need water and sun.", "rain comes from clouds.", "cows give us milk.", "bees make honey.",
            "there are four seasons: spring, summer, autumn and winter.", "a day has morning, afternoon and evening.");

    private FactWriter() {
    }

    static String write(Random r) {
        boolean questions = Draw.chance(r, 0.4);
        List<String> parts = new ArrayList<>();
        int n = Draw.between(r, 3, 6);
        for (int i = 0; i < n; i++) {
            String[] fact = switch (r.nextInt(4)) {
                case 0, 1 -> animal(r);
                case 2 -> arithmetic(r);
                default -> r.nextBoolean() ? calendar(r) : new String[] {null, Draw.one(r, WORLD)};
            };
            if (questions && fact[0] != null) {
                parts.add("Q: " + fact[0] + "\nA: " + capitalize(fact[1]));
            } else {
                parts.add(capitalize(fact[1]));
            }
        }
        return String.join(questions ? "\n" : " ", parts);
    }

    /** A question (or null when it has no natural one) and its answer. */
    private static String[] animal(Random r) {
        Animal a = Draw.one(r, EnglishLexicon.ANIMALS);
        String one = withArticle(a.name());
        return switch (r.nextInt(a.sound() == null ? 5 : 6)) {
            case 0 -> new String[] {"How many legs does " + one + " have?",
                one + (a.legs() == 0 ? " has no legs." : " has " + Words.number(a.legs()) + " legs.")};
            case 1 -> new String[] {"Where do " + a.plural() + " live?", a.plural() + " live " + a.home() + "."};
            case 2 -> new String[] {"What do " + a.plural() + " eat?", a.plural() + " like to eat " + a.food() + "."};
            case 3 -> new String[] {"What can " + one + " do?", one + " can " + a.ability() + "."};
            case 4 -> new String[] {"Is " + one + " an animal?", "yes, " + one + " is an animal."};
            default -> new String[] {"What does " + one + " say?", one + " says \"" + a.sound() + "\"."};
        };
    }

    private static String[] arithmetic(Random r) {
        if (r.nextBoolean()) {
            int a = Draw.between(r, 0, 10);
            int b = Draw.between(r, 0, 10);
            String sum = Words.number(a) + " plus " + Words.number(b);
            return new String[] {"What is " + sum + "?", sum + " is " + Words.number(a + b) + "."};
        }
        int a = Draw.between(r, 1, 20);
        int b = Draw.between(r, 0, a);
        String difference = Words.number(a) + " minus " + Words.number(b);
        return new String[] {"What is " + difference + "?", difference + " is " + Words.number(a - b) + "."};
    }

    private static String[] calendar(Random r) {
        int d = r.nextInt(7);
        String day = EnglishLexicon.DAYS.get(d);
        if (r.nextBoolean()) {
            String next = EnglishLexicon.DAYS.get((d + 1) % 7);
            return new String[] {"What day comes after " + day + "?", next + " comes after " + day + "."};
        }
        int s = r.nextInt(4);
        String season = EnglishLexicon.SEASONS.get(s);
        String next = EnglishLexicon.SEASONS.get((s + 1) % 4);
        return new String[] {"What season comes after " + season + "?", "after " + season + " comes " + next + "."};
    }
}
