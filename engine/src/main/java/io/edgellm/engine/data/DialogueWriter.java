package io.edgellm.engine.data;

import static io.edgellm.engine.data.Words.withArticle;

import io.edgellm.engine.data.EnglishLexicon.Noun;
import io.edgellm.engine.data.EnglishLexicon.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Short two-person conversations, one "Name: words" line per turn; the speakers take turns. */
final class DialogueWriter {

    private final Random r;
    private final Person a;
    private final Person b;
    private final List<String> lines = new ArrayList<>();

    private DialogueWriter(Random r) {
        this.r = r;
        this.a = EnglishLexicon.person(r);
        this.b = EnglishLexicon.personOtherThan(r, a);
    }

    static String write(Random r) {
        return new DialogueWriter(r).dialogue();
    }

    private Person speaker() {
        return lines.size() % 2 == 0 ? a : b;
    }

    private Person listener() {
        return lines.size() % 2 == 0 ? b : a;
    }

    private void turn(String words) {
        lines.add(speaker().name() + ": " + words);
    }

    private String dialogue() {
        turn(Draw.one(r, "Hi, ", "Hello, ", "Good morning, ") + listener().name() + "! How are you?");
        String feeling = Draw.one(r, EnglishLexicon.FEELINGS);
        turn("I am " + feeling + ", thank you. " + Draw.one(r, "How are you?", "And you?"));
        turn("I am " + Draw.one(r, EnglishLexicon.FEELINGS) + (Draw.chance(r, 0.5) ? " too." : "."));
        switch (r.nextInt(4)) {
            case 0 -> outing();
            case 1 -> pet();
            case 2 -> weather();
            default -> lostThing();
        }
        turn(Draw.one(r, "Bye, ", "See you later, ") + listener().name() + "!");
        turn(Draw.one(r, "Bye!", "See you!", "Goodbye, " + listener().name() + "!"));
        return String.join("\n", lines);
    }

    private void outing() {
        String place = Draw.one(r, EnglishLexicon.PLACES);
        turn("Where are you going?");
        turn("I am going to the " + place + ".");
        turn("What will you do there?");
        turn("I will " + EnglishLexicon.activityAt(place) + ".");
        turn("That sounds fun! Can I come with you?");
        turn(Draw.one(r, "Yes, of course! Let's go.", "Sorry, not today. Maybe tomorrow."));
    }

    private void pet() {
        String pet = Draw.one(r, EnglishLexicon.PETS);
        String food = EnglishLexicon.ANIMALS.stream().filter(x -> x.name().equals(pet)).findFirst().orElseThrow().food();
        turn("Do you have a pet?");
        turn("Yes, I have " + withArticle(pet) + ". Its name is " + Draw.one(r, EnglishLexicon.PET_NAMES) + ".");
        turn("What does it like to eat?");
        turn("It likes " + food + ".");
        turn(Draw.one(r, "I want a pet too!", "That is nice. I have a cat."));
    }

    private void weather() {
        String weather = Draw.one(r, EnglishLexicon.WEATHER);
        String place = Draw.one(r, EnglishLexicon.PLACES);
        turn("Look outside! It is " + weather + " today.");
        switch (weather) {
            case "sunny", "warm", "hot" -> {
                turn("Yay! Let's go to the " + place + ".");
                turn("Okay. Do not forget your hat.");
            }
            case "rainy" -> {
                turn("Oh no, I wanted to go to the " + place + ".");
                turn("We can take an umbrella.");
            }
            default -> {
                turn("Then we need our coats.");
                turn("Yes, and we can go to the " + place + " later.");
            }
        }
    }

    private void lostThing() {
        Noun toy = Draw.one(r, EnglishLexicon.TOYS);
        String color = Draw.one(r, EnglishLexicon.COLORS);
        turn("Have you seen my " + toy.singular() + "?");
        turn("Is it " + color + "?");
        if (r.nextBoolean()) {
            turn("Yes, it is " + color + ".");
            turn("I saw it under the " + Draw.one(r, EnglishLexicon.SPOTS) + ".");
            turn("Thank you!");
        } else {
            String other = Draw.one(r, EnglishLexicon.COLORS);
            while (other.equals(color)) {
                other = Draw.one(r, EnglishLexicon.COLORS);
            }
            turn("No, it is " + other + ".");
            turn("Sorry, I have not seen it.");
        }
    }
}
