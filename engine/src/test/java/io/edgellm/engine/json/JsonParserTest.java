package io.edgellm.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgellm.engine.json.JsonValue.JsonArray;
import io.edgellm.engine.json.JsonValue.JsonBoolean;
import io.edgellm.engine.json.JsonValue.JsonNull;
import io.edgellm.engine.json.JsonValue.JsonNumber;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        JsonValue v = JsonParser.parse(" {\"s\": \"a\\\"b\\\\c\\/\\n\\t\\u00e9\\ud83d\\ude42\", \"n\": [0, -12, 3.5e2, 18446744073709551615],"
                + " \"t\": true, \"f\": false, \"z\": null, \"o\": {}, \"a\": []}\r\n");
        JsonObject o = (JsonObject) v;
        assertEquals(List.of("s", "n", "t", "f", "z", "o", "a"), List.copyOf(o.members().keySet()), "document order kept");
        assertEquals(new JsonString("a\"b\\c/\n\té🙂"), o.members().get("s"));
        JsonArray n = (JsonArray) o.members().get("n");
        assertEquals(new BigDecimal("0"), ((JsonNumber) n.elements().get(0)).value());
        assertEquals(new BigDecimal("-12"), ((JsonNumber) n.elements().get(1)).value());
        assertEquals(0, new BigDecimal("350").compareTo(((JsonNumber) n.elements().get(2)).value()));
        assertEquals(new BigDecimal("18446744073709551615"), ((JsonNumber) n.elements().get(3)).value(), "u64 kept exactly");
        assertEquals(new JsonBoolean(true), o.members().get("t"));
        assertEquals(new JsonBoolean(false), o.members().get("f"));
        assertEquals(JsonNull.INSTANCE, o.members().get("z"));
        assertEquals(new JsonObject(java.util.Map.of()), o.members().get("o"));
        assertEquals(new JsonArray(List.of()), o.members().get("a"));
    }

    @Test
    void writerOutputParsesBackToTheSameValue() {
        String text = "{\"k\\u0001\":[1,2.5,\"\\b\\f\\r\",true,null,{\"x\":\"日本\"}]}";
        JsonValue v = JsonParser.parse(text);
        assertEquals(text, JsonWriter.write(v), "compact output with the same escapes");
        assertEquals(v, JsonParser.parse(JsonWriter.write(v)));
    }

    @Test
    void writerEscapesLikeSerdeJson() {
        // Quote, backslash and newline get short escapes, other controls lowercase hex; DEL, '/' and non-ASCII stay raw.
        String written = JsonWriter.write(new JsonString("a\"\\\n\u001f\u007f/é"));
        assertEquals("\"a\\\"\\\\\\n\\u001f\u007f/é\"", written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\":1,}             | expected a string key",
        "[1,2,]                 | expected a value",
        "{'a':1}                | expected a string key",
        "[01]                   | leading zero",
        "[1.]                   | digit in the fraction",
        "[-]                    | digit in the integer part",
        "[1e]                   | digit in the exponent",
        "{\"a\":1,\"a\":2}      | duplicate key \"a\"",
        "[\"\\x\"]              | invalid escape \\x",
        "[\"\\ud800\"]          | unpaired surrogate",
        "[\"\\u12G4\"]          | invalid hex digit",
        "[\"abc                 | unterminated string",
        "{\"a\" 1}              | expected ':'",
        "[1 2]                  | expected ']'",
        "tru                    | expected a value",
        "[1] x                  | after the value",
        "``                     | unexpected end of text",
        "/* c */ 1              | expected a value",
        "[1e99999999999]        | out of range",
    })
    void rejectsMalformedText(String text, String problem) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("[\"a\tb\"]"));
        assertTrue(e.getMessage().contains("U+0009 must be escaped"), e.getMessage());
    }

    @Test
    void reportsLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("{\n  \"a\": 1,\n  \"b\": x\n}"));
        assertEquals(3, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().startsWith("line 3, column 8: "), e.getMessage());
    }

    @Test
    void boundsNestingDepth() {
        String deep = "[".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }
}
