package io.edgellm.engine.data;

import static io.edgellm.engine.data.Words.withArticle;

import io.edgellm.engine.data.EnglishLexicon.Animal;
import io.edgellm.engine.data.EnglishLexicon.Noun;
import io.edgellm.engine.data.EnglishLexicon.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Present-tense descriptions of a place, a child's room or a child. */
final class DescriptionWriter {

    private DescriptionWriter() {
    }

    static String write(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> place(r);
            case 1 -> room(r);
            default -> child(r);
        };
    }

    private static String place(Random r) {
        String place = Draw.one(r, EnglishLexicon.PLACES);
        List<String> features = EnglishLexicon.featuresOf(place);
        List<String> s = new ArrayList<>();
        s.add("the " + place + " is " + Draw.one(r, "big", "small", "old", "new", "nice") + " and " + Draw.one(r, "quiet", "busy", "pretty", "clean") + ".");
        s.add("there are " + Words.number(Draw.between(r, 2, 12)) + " " + Draw.one(r, features) + " near the " + Draw.one(r, EnglishLexicon.SPOTS) + ".");
        String feature = Draw.one(r, features);
        s.add("you can also see many " + feature + " here.");
        Animal animal = Draw.one(r, EnglishLexicon.ANIMALS);
        s.add(withArticle(Draw.one(r, EnglishLexicon.COLORS) + " " + animal.name()) + " is "
                + Draw.one(r, "sleeping", "sitting", "eating", "playing", "resting") + " by the " + Draw.one(r, EnglishLexicon.SPOTS) + ".");
        String weather = Draw.one(r, EnglishLexicon.WEATHER);
        s.add("it is " + withArticle(weather) + " " + Draw.one(r, EnglishLexicon.SEASONS) + " day.");
        s.add(switch (weather) {
            case "sunny", "warm", "hot" -> "the sky is blue and the sun is bright.";
            case "rainy", "cloudy" -> "the sky is gray.";
            case "snowy", "cold" -> "the air is cold and people wear coats.";
            default -> "the wind moves the leaves.";
        });
        s.add("people like to come here to " + Draw.one(r, "walk", "rest", "play", "talk with friends", "have fun") + ".");
        return sentences(s);
    }

    private static String room(Random r) {
        Noun toy = Draw.one(r, EnglishLexicon.TOYS);
        String color = Draw.one(r, EnglishLexicon.COLORS);
        List<String> s = new ArrayList<>();
        s.add("this is my room.");
        s.add("in my room, there is " + withArticle(Draw.one(r, "big", "small", "soft", "new", "old")) + " bed and "
                + withArticle(color) + " chair.");
        s.add("my " + toy.singular() + " is on the " + Draw.one(r, "bed", "chair", "table", "floor", "shelf") + ".");
        s.add("there are " + Words.number(Draw.between(r, 2, 20)) + " " + Draw.one(r, "books", "toys", "pictures", "pens") + " on my shelf.");
        s.add("the walls are " + Draw.one(r, EnglishLexicon.COLORS) + ".");
        s.add("I like my room because it is " + Draw.one(r, "warm", "quiet", "bright", "cozy", "clean") + ".");
        return sentences(s);
    }

    private static String child(Random r) {
        Person p = EnglishLexicon.person(r);
        String pet = Draw.one(r, EnglishLexicon.PETS);
        String place = Draw.one(r, EnglishLexicon.PLACES);
        Noun food = Draw.one(r, EnglishLexicon.FOODS);
        List<String> s = new ArrayList<>();
        s.add(p.name() + " is " + Words.number(Draw.between(r, 4, 12)) + " years old.");
        s.add(p.he() + " has " + Draw.one(r, "brown", "black", "red", "short", "long") + " hair and "
                + Draw.one(r, "brown", "blue", "green") + " eyes.");
        s.add(p.he() + " likes " + food.plural() + " and " + Draw.one(r, "books", "music", "games", "animals", "flowers") + ".");
        s.add(p.his() + " favorite color is " + Draw.one(r, EnglishLexicon.COLORS) + ".");
        s.add(p.he() + " has a pet " + pet + " named " + Draw.one(r, EnglishLexicon.PET_NAMES) + ".");
        s.add("every " + Draw.one(r, EnglishLexicon.DAYS) + ", " + p.name() + " goes to the " + place
                + " to " + EnglishLexicon.activityAt(place).replace(" my ", " " + p.his() + " ") + ".");
        return sentences(s);
    }

    private static String sentences(List<String> s) {
        return String.join(" ", s.stream().map(Words::capitalize).toList());
    }
}
