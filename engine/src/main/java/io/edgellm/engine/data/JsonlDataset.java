package io.edgellm.engine.data;

import io.edgellm.engine.io.AtomicFiles;
import io.edgellm.engine.json.JsonException;
import io.edgellm.engine.json.JsonParser;
import io.edgellm.engine.json.JsonValue;
import io.edgellm.engine.json.JsonValue.JsonObject;
import io.edgellm.engine.json.JsonValue.JsonString;
import io.edgellm.engine.json.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Examples as JSON Lines: one object per line, {@code {"prompt": "...", "completion": "..."}}
 * plus an optional {@code "category"}. Reading is strict (no blank lines, no other fields), so
 * that a typo in a hand-edited file is an error rather than a silently dropped field.
 */
public final class JsonlDataset {

    private static final Set<String> FIELDS = Set.of("prompt", "completion", "category");

    private JsonlDataset() {
    }

    /**
     * @throws DatasetFormatException naming the file and line when the file is empty or a line is malformed
     */
    public static List<Example> read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        List<Example> examples = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            examples.add(parse(file, i + 1, lines.get(i)));
        }
        return examples;
    }

    private static Example parse(Path file, int line, String text) {
        if (text.isBlank()) {
            throw new DatasetFormatException(file, line, "blank line (JSONL needs one JSON object per line)");
        }
        JsonValue value;
        try {
            value = JsonParser.parse(text);
        } catch (JsonException e) {
            throw new DatasetFormatException(file, line, "bad JSON at column " + e.column() + ": " + e.problem());
        }
        if (!(value instanceof JsonObject o)) {
            throw new DatasetFormatException(file, line, "expected a JSON object, found " + value.kind());
        }
        for (String key : o.members().keySet()) {
            if (!FIELDS.contains(key)) {
                throw new DatasetFormatException(file, line, "unknown field \"" + key + "\" (expected prompt, completion, category)");
            }
        }
        String category = o.members().containsKey("category") ? string(file, line, o, "category") : null;
        return new Example(string(file, line, o, "prompt"), string(file, line, o, "completion"), category);
    }

    private static String string(Path file, int line, JsonObject o, String key) {
        JsonValue v = o.members().get(key);
        if (v == null) {
            throw new DatasetFormatException(file, line, "missing field \"" + key + "\"");
        }
        if (!(v instanceof JsonString s)) {
            throw new DatasetFormatException(file, line, "field \"" + key + "\" must be a string, found " + v.kind());
        }
        return s.value();
    }

    /**
     * Writes the examples atomically, one line each.
     *
     * @throws IllegalArgumentException if there are none (an empty file is not a dataset)
     */
    public static void write(Path file, List<Example> examples) throws IOException {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to write to " + file);
        }
        AtomicFiles.write(file, out -> {
            Writer w = Channels.newWriter(out, StandardCharsets.UTF_8);
            for (Example e : examples) {
                w.write(JsonWriter.write(toJson(e)));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static JsonObject toJson(Example e) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("prompt", new JsonString(e.prompt()));
        members.put("completion", new JsonString(e.completion()));
        if (e.category() != null) {
            members.put("category", new JsonString(e.category()));
        }
        return new JsonObject(members);
    }
}
