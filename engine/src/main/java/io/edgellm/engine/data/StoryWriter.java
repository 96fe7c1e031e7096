package io.edgellm.engine.data;

import static io.edgellm.engine.data.Words.capitalize;
import static io.edgellm.engine.data.Words.withArticle;

import io.edgellm.engine.data.EnglishLexicon.Animal;
import io.edgellm.engine.data.EnglishLexicon.Noun;
import io.edgellm.engine.data.EnglishLexicon.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Short past-tense stories in the style of children's books: a child, a thing they own, an
 * outing with a companion, one small plot (lost and found, helping an animal, rain, making
 * something, sharing, a race) and an ending. Names and pronouns stay consistent throughout.
 */
final class StoryWriter {

    /** Someone who goes along: a friend, a family member or a pet. */
    private record Companion(String introduction, String reference) {
    }

    private final Random r;
    private final Person hero;
    private final Noun toy;
    private final String place;
    private final Companion companion;
    private final List<String> sentences = new ArrayList<>();

    private StoryWriter(Random r) {
        this.r = r;
        this.hero = EnglishLexicon.person(r);
        this.toy = Draw.one(r, EnglishLexicon.TOYS);
        this.place = Draw.one(r, EnglishLexicon.PLACES);
        this.companion = companion();
    }

    static String write(Random r) {
        return new StoryWriter(r).story();
    }

    private Companion companion() {
        switch (r.nextInt(3)) {
            case 0 -> {
                Person friend = EnglishLexicon.personOtherThan(r, hero);
                return new Companion(hero.his() + " friend " + friend.name(), friend.name());
            }
            case 1 -> {
                String member = Draw.one(r, EnglishLexicon.FAMILY);
                return new Companion(hero.his() + " " + member, hero.his() + " " + member);
            }
            default -> {
                String pet = Draw.one(r, "dog", "puppy");
                return new Companion(hero.his() + " " + pet, hero.his() + " " + pet);
            }
        }
    }

    private void say(String sentence) {
        sentences.add(capitalize(sentence));
    }

    private String story() {
        String adjective = Draw.one(r, EnglishLexicon.KID_ADJECTIVES);
        say(switch (r.nextInt(3)) {
            case 0 -> "once upon a time, there was " + withArticle(adjective) + " " + hero.kid() + " named " + hero.name() + ".";
            case 1 -> hero.name() + " was " + withArticle(adjective) + " " + hero.kid() + " who lived near the " + place + ".";
            default -> "there was once " + withArticle(adjective) + " " + hero.kid() + " called " + hero.name() + ".";
        });
        say(hero.he() + " had " + withArticle(Draw.one(r, EnglishLexicon.COLORS) + " " + toy.singular()) + ".");
        if (Draw.chance(r, 0.5)) {
            say(Draw.one(r, hero.he() + " loved it very much.", "it was " + Draw.one(r, EnglishLexicon.THING_ADJECTIVES)
                    + " and " + Draw.one(r, "fun", "special", "pretty") + "."));
        }
        say("one " + Draw.one(r, EnglishLexicon.WEATHER) + " " + Draw.one(r, EnglishLexicon.TIMES) + ", " + hero.name()
                + " went to the " + place + " with " + companion.introduction + ".");
        switch (r.nextInt(6)) {
            case 0 -> lostAndFound();
            case 1 -> helpAnimal();
            case 2 -> rain();
            case 3 -> makeSomething();
            case 4 -> share();
            default -> race();
        }
        say(switch (r.nextInt(4)) {
            case 0 -> "in the evening, " + hero.name() + " went home. " + capitalize(hero.he()) + " was tired but happy.";
            case 1 -> "that night, " + hero.name() + " slept well and dreamed about the " + place + ".";
            case 2 -> hero.name() + " had a wonderful day.";
            default -> "the end.";
        });
        return String.join(" ", sentences);
    }

    private void lostAndFound() {
        String spot = Draw.one(r, EnglishLexicon.SPOTS);
        String other = Draw.one(r, EnglishLexicon.SPOTS);
        say("they played with the " + toy.singular() + " for a long time.");
        say("then " + hero.name() + " lost the " + toy.singular() + ".");
        say(hero.he() + " looked under the " + spot + " and behind the " + other + ", but " + hero.he() + " could not find it.");
        say(hero.name() + " felt sad.");
        say("then " + companion.reference + " found the " + toy.singular() + " near " + withArticle(Draw.one(r, EnglishLexicon.SPOTS)) + ".");
        say(hero.name() + " said, \"Thank you!\" " + capitalize(hero.he()) + " was very happy.");
    }

    private void helpAnimal() {
        Animal animal = Draw.one(r, EnglishLexicon.ANIMALS);
        say("at the " + place + ", they saw a little " + animal.name() + ".");
        switch (r.nextInt(3)) {
            case 0 -> {
                say("the " + animal.name() + " was hungry.");
                say(hero.name() + " gave the " + animal.name() + " some " + animal.food() + ".");
                say("the " + animal.name() + " ate it all up.");
            }
            case 1 -> {
                say("the " + animal.name() + " was cold.");
                say(hero.name() + " put a soft blanket on it.");
                say("soon the " + animal.name() + " was warm again.");
            }
            default -> {
                say("the " + animal.name() + " was lost.");
                say(hero.name() + " and " + companion.reference + " helped it find its way home.");
                say("the " + animal.name() + " was happy to be home.");
            }
        }
        say(Draw.one(r, "it is good to help others.", hero.name() + " felt proud."));
    }

    private void rain() {
        say("they played with the " + toy.singular() + " for a long time.");
        say("suddenly, the sky turned gray and it started to rain.");
        say(hero.name() + " and " + companion.reference + " ran under a big tree.");
        say("they waited and waited.");
        say("soon the sun came out again, and they saw a rainbow.");
        say(hero.name() + " said, \"Look, a rainbow!\"");
    }

    private void makeSomething() {
        say(hero.name() + " wanted to make something special.");
        say(hero.he() + " asked " + companion.reference + " for help.");
        String color = Draw.one(r, EnglishLexicon.COLORS);
        switch (r.nextInt(3)) {
            case 0 -> {
                say("first, they mixed eggs, milk and flour.");
                say("then they put the cake in the oven.");
                say("at last, the cake was ready. It was sweet and warm!");
            }
            case 1 -> {
                say("first, they folded a piece of paper.");
                say("then they drew " + withArticle(color) + " heart on it.");
                say("at last, the card was ready. It was very pretty!");
            }
            default -> {
                Animal animal = Draw.one(r, EnglishLexicon.ANIMALS);
                say("first, they got some crayons.");
                say("then they drew " + withArticle(color + " " + animal.name()) + " and a big sun.");
                say("at last, the picture was ready. They put it on the wall.");
            }
        }
    }

    private void share() {
        Person other = EnglishLexicon.personOtherThan(r, hero);
        say("at the " + place + ", " + hero.name() + " met " + withArticle(other.kid()) + " named " + other.name() + ".");
        say(other.name() + " looked sad because " + other.he() + " did not have " + withArticle(toy.singular()) + ".");
        say(hero.name() + " shared " + hero.his() + " " + toy.singular() + " with " + other.name() + ".");
        say("they played together all day.");
        say("now they are good friends.");
    }

    private void race() {
        String goal = Draw.one(r, EnglishLexicon.SPOTS);
        say(hero.name() + " and " + companion.reference + " had a race to the " + goal + ".");
        if (r.nextBoolean()) {
            say(companion.reference + " ran fast, but " + hero.name() + " ran faster.");
            say(hero.name() + " won the race!");
        } else {
            say(hero.name() + " ran fast, but " + companion.reference + " ran faster.");
            say(capitalize(companion.reference) + " won the race!");
        }
        say("they both laughed.");
    }
}
