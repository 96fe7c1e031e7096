package io.edgellm.engine.data;

/** Small English helpers shared by the generators. */
final class Words {

    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

    private Words() {
    }

    /** "a" or "an" by the sound of the next word's first letter (good enough for our word lists). */
    static String article(String nextWord) {
        return "aeiou".indexOf(Character.toLowerCase(nextWord.charAt(0))) >= 0 ? "an" : "a";
    }

    static String withArticle(String phrase) {
        return article(phrase) + " " + phrase;
    }

    /** The number 0 to 20 as a word. */
    static String number(int n) {
        return NUMBERS[n];
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
