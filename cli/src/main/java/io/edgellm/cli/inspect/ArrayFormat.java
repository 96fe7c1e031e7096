package io.edgellm.cli.inspect;

import io.edgellm.engine.gguf.GGUFArray;
import io.edgellm.engine.gguf.GGUFValue;
import io.edgellm.engine.gguf.GGUFValueType;
import java.util.ArrayList;
import java.util.List;

/** Renders metadata values, cutting long arrays and strings down to a preview. */
final class ArrayFormat {

    private static final int PREVIEW_ELEMENTS = 6;
    private static final int PREVIEW_CHARS = 120;

    private ArrayFormat() {
    }

    static String preview(GGUFValue v) {
        return render(v, PREVIEW_ELEMENTS, PREVIEW_CHARS);
    }

    static String full(GGUFValue v) {
        return render(v, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private static String render(GGUFValue v, int maxElements, int maxChars) {
        if (v.type() != GGUFValueType.ARRAY) {
            String s = v.display().replace("\n", "\\n");
            return s.length() > maxChars ? s.substring(0, maxChars) + "... (" + s.length() + " chars)" : s;
        }
        GGUFArray a = (GGUFArray) v.value();
        int n = a.length();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(n, maxElements); i++) {
            shown.add(element(a, i));
        }
        String body = String.join(", ", shown);
        return "[" + body + (n > maxElements ? ", ... " + n + " " + a.elementType() + " in all" : "") + "]";
    }

    private static String element(GGUFArray a, int i) {
        Object e = a.elements();
        return switch (e) {
            case long[] x -> a.elementType() == GGUFValueType.UINT64 ? Long.toUnsignedString(x[i]) : Long.toString(x[i]);
            case float[] x -> Float.toString(x[i]);
            case double[] x -> Double.toString(x[i]);
            case boolean[] x -> Boolean.toString(x[i]);
            case String[] x -> '"' + x[i].replace("\n", "\\n") + '"';
            case GGUFArray[] x -> x[i].toString();
            default -> "?";
        };
    }
}
