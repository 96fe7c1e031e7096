package io.edgellm.engine.data;

import java.util.List;
import java.util.Random;

/**
 * The closed vocabulary of the simple-English corpus: a few hundred words, with the forms and
 * facts the generators need, so that every sentence is grammatical and every fact is true.
 */
final class EnglishLexicon {

    private EnglishLexicon() {
    }

    /** A named child; pronouns follow from {@code female}. */
    record Person(String name, boolean female) {
        String he() {
            return female ? "she" : "he";
        }

        String his() {
            return female ? "her" : "his";
        }

        String kid() {
            return female ? "girl" : "boy";
        }
    }

    /** An animal and true facts about it; {@code sound} is null for animals without a well-known one. */
    record Animal(String name, String plural, int legs, String sound, String home, String food, String ability) {
    }

    /** A countable thing: "a kite", "kites". */
    record Noun(String singular, String plural) {
    }

    static final List<String> BOYS = List.of("Tom", "Ben", "Sam", "Max", "Leo", "Jack", "Tim", "Dan", "Noah", "Finn", "Oscar", "Hugo");
    static final List<String> GIRLS = List.of("Lily", "Mia", "Anna", "Emma", "Sara", "Lucy", "Zoe", "Amy", "Ella", "Ruby", "Nora", "Ivy");
    static final List<String> PET_NAMES = List.of("Spot", "Fluffy", "Coco", "Buddy", "Bella", "Sunny", "Pip", "Daisy");

    static final List<Animal> ANIMALS = List.of(
            new Animal("cat", "cats", 4, "meow", "in houses", "fish", "climb trees"),
            new Animal("dog", "dogs", 4, "woof", "in houses", "bones", "run fast"),
            new Animal("bird", "birds", 2, "tweet", "in nests", "seeds", "fly"),
            new Animal("fish", "fish", 0, null, "in water", "small bugs", "swim"),
            new Animal("duck", "ducks", 2, "quack", "on ponds", "bread", "swim"),
            new Animal("cow", "cows", 4, "moo", "on farms", "grass", "give milk"),
            new Animal("pig", "pigs", 4, "oink", "on farms", "corn", "roll in the mud"),
            new Animal("sheep", "sheep", 4, "baa", "on farms", "grass", "grow wool"),
            new Animal("horse", "horses", 4, "neigh", "on farms", "hay", "run fast"),
            new Animal("frog", "frogs", 4, "ribbit", "near ponds", "flies", "jump far"),
            new Animal("mouse", "mice", 4, "squeak", "in small holes", "cheese", "hide"),
            new Animal("owl", "owls", 2, "hoot", "in trees", "mice", "see at night"),
            new Animal("bee", "bees", 6, "buzz", "in hives", "nectar", "make honey"),
            new Animal("lion", "lions", 4, "roar", "in dens", "meat", "run fast"),
            new Animal("bear", "bears", 4, "growl", "in caves", "honey", "climb trees"),
            new Animal("rabbit", "rabbits", 4, null, "in holes", "carrots", "hop"),
            new Animal("hen", "hens", 2, "cluck", "on farms", "corn", "lay eggs"),
            new Animal("spider", "spiders", 8, null, "in webs", "flies", "spin webs"),
            new Animal("snake", "snakes", 0, "hiss", "in the grass", "mice", "swim"),
            new Animal("turtle", "turtles", 4, null, "near the sea", "leaves", "swim"));

    /** Animals a child may keep at home. */
    static final List<String> PETS = List.of("dog", "cat", "rabbit", "bird", "fish", "turtle");

    static final List<Noun> TOYS = List.of(
            new Noun("ball", "balls"), new Noun("kite", "kites"), new Noun("book", "books"), new Noun("hat", "hats"),
            new Noun("doll", "dolls"), new Noun("bike", "bikes"), new Noun("drum", "drums"), new Noun("boat", "boats"),
            new Noun("toy car", "toy cars"), new Noun("toy train", "toy trains"), new Noun("teddy bear", "teddy bears"),
            new Noun("puzzle", "puzzles"), new Noun("umbrella", "umbrellas"), new Noun("bag", "bags"), new Noun("box", "boxes"));

    static final List<Noun> FOODS = List.of(
            new Noun("apple", "apples"), new Noun("banana", "bananas"), new Noun("cookie", "cookies"), new Noun("cake", "cakes"),
            new Noun("sandwich", "sandwiches"), new Noun("carrot", "carrots"), new Noun("egg", "eggs"), new Noun("pie", "pies"),
            new Noun("orange", "oranges"), new Noun("pear", "pears"), new Noun("muffin", "muffins"), new Noun("peach", "peaches"));

    static final List<String> PLACES = List.of("park", "garden", "beach", "forest", "farm", "school", "shop", "library",
            "zoo", "river", "lake", "hill", "town", "playground", "market");

    static final List<String> SPOTS = List.of("tree", "bench", "rock", "bush", "table", "chair", "slide", "fence");

    static final List<String> FAMILY = List.of("mom", "dad", "grandma", "grandpa", "sister", "brother", "aunt", "uncle");
    static final List<String> FEMALE_FAMILY = List.of("mom", "grandma", "sister", "aunt");

    static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "pink", "purple", "orange", "brown",
            "black", "white", "gray");
    static final List<String> KID_ADJECTIVES = List.of("happy", "kind", "brave", "shy", "funny", "clever", "little",
            "curious", "quiet", "friendly", "busy");
    static final List<String> THING_ADJECTIVES = List.of("big", "small", "new", "old", "soft", "shiny", "round", "long",
            "pretty", "heavy", "tiny", "bright");
    static final List<String> WEATHER = List.of("sunny", "rainy", "windy", "snowy", "cloudy", "warm", "cold", "hot");
    static final List<String> TIMES = List.of("morning", "afternoon", "evening");
    static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    static final List<String> SEASONS = List.of("spring", "summer", "autumn", "winter");
    static final List<String> FEELINGS = List.of("good", "fine", "great", "very well");

    static Person person(Random r) {
        boolean female = r.nextBoolean();
        return new Person(Draw.one(r, female ? GIRLS : BOYS), female);
    }

    /** A person with another name than {@code other}, so that a text never has two people of one name. */
    static Person personOtherThan(Random r, Person other) {
        Person p = person(r);
        while (p.name().equals(other.name())) {
            p = person(r);
        }
        return p;
    }

    /** Things found at each place, for descriptions. */
    static List<String> featuresOf(String place) {
        return switch (place) {
            case "park", "playground" -> List.of("trees", "benches", "swings", "flowers", "slides");
            case "garden" -> List.of("flowers", "bushes", "carrots", "butterflies", "trees");
            case "beach" -> List.of("shells", "rocks", "boats", "sand castles", "waves");
            case "forest" -> List.of("trees", "mushrooms", "birds", "rocks", "paths");
            case "farm" -> List.of("cows", "pigs", "hens", "fields", "horses");
            case "school" -> List.of("desks", "books", "children", "teachers", "pictures");
            case "shop", "market" -> List.of("apples", "bananas", "shelves", "baskets", "bags");
            case "library" -> List.of("books", "tables", "chairs", "lamps", "shelves");
            case "zoo" -> List.of("lions", "bears", "birds", "snakes", "turtles");
            case "river", "lake" -> List.of("fish", "ducks", "stones", "boats", "frogs");
            case "hill" -> List.of("rocks", "flowers", "sheep", "trees", "paths");
            default -> List.of("houses", "shops", "streets", "cars", "trees");
        };
    }

    /** Something a child may do at a place, as a verb phrase after "will" or "to". */
    static String activityAt(String place) {
        return switch (place) {
            case "park", "playground", "garden" -> "play with my friends";
            case "beach" -> "look for shells";
            case "forest" -> "look for birds";
            case "farm", "zoo" -> "see the animals";
            case "school" -> "learn new words";
            case "shop", "market" -> "buy some fruit";
            case "library" -> "read a book";
            case "river", "lake" -> "feed the ducks";
            case "hill" -> "fly my kite";
            default -> "visit my grandma";
        };
    }
}
