package io.edgellm.engine.json;

import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonBoolean;
import io.edgellm.engine.json.JsonValue.JsonNull;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import java.util.Map;

/**
 * Writes compact JSON (no spaces) with the escaping of Rust's serde_json, which the Python
 * {@code safetensors} library uses for its headers: {@code \"}, {@code \\}, {@code \b \f \n \r \t},
 * other control characters as six-character escapes with lowercase hex (backslash, u, 001f),
 * everything else (non-ASCII included) as is. Matching it makes our headers byte-identical to that library's.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonValue value) {
        switch (value) {
            case JsonObject o -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    appendString(sb, e.getKey());
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
            }
            case JsonArray a -> {
                sb.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    append(sb, a.elements().get(i));
                }
                sb.append(']');
            }
            case JsonString s -> appendString(sb, s.value());
            case JsonNumber n -> sb.append(n.value().toString());
            case JsonBoolean b -> sb.append(b.value());
            case JsonNull n -> sb.append("null");
        }
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
