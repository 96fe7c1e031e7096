package io.edgellm.engine.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed JSON value (RFC 8259). Objects keep their members in document order, because
 * file formats such as safetensors are written in a fixed order and compared byte for byte;
 * numbers keep their exact decimal value, because header offsets are unsigned 64-bit integers.
 */
public sealed interface JsonValue {

    /** An object; keys are unique (the parser rejects duplicates). */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<JsonValue> find(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value, "value");
        }
    }

    record JsonNumber(BigDecimal value) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(value, "value");
        }

        public static JsonNumber of(long value) {
            return new JsonNumber(BigDecimal.valueOf(value));
        }
    }

    record JsonBoolean(boolean value) implements JsonValue {
    }

    enum JsonNull implements JsonValue {
        INSTANCE
    }

    /** A short name of the value's kind for error messages ("an object", "a string", ...). */
    default String kind() {
        return switch (this) {
            case JsonObject o -> "an object";
            case JsonArray a -> "an array";
            case JsonString s -> "a string";
            case JsonNumber n -> "a number";
            case JsonBoolean b -> "a boolean";
            case JsonNull n -> "null";
        };
    }
}
