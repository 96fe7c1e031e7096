package io.edgellm.planner.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into a tree of {@link YamlNode}s that carry their line and column. Jackson's
 * streaming YAML parser does the parsing; this class only keeps positions and rejects duplicate keys.
 */
public final class YamlDocument {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlDocument() {
    }

    public static YamlNode read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(new SourceLocation(name, 0, 0), "", "file not found");
        } catch (IOException e) {
            throw new InvalidInputException(new SourceLocation(name, 0, 0), "", "cannot read: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses {@code text}; {@code fileName} is only used in locations. */
    public static YamlNode parse(String fileName, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(new SourceLocation(fileName, 1, 1), "", "the document is empty");
            }
            return readValue(parser, fileName, "");
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null ? new SourceLocation(fileName, 0, 0)
                    : new SourceLocation(fileName, at.getLineNr(), at.getColumnNr());
            throw new InvalidInputException(location, "", "YAML syntax error: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YamlNode readValue(JsonParser parser, String file, String path) throws IOException {
        SourceLocation location = locationOf(parser, file);
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMap(parser, file, path, location);
            case START_ARRAY -> readList(parser, file, path, location);
            case VALUE_NULL -> new YamlScalar("", false, location, path);
            default -> new YamlScalar(parser.getText(), token == JsonToken.VALUE_STRING, location, path);
        };
    }

    private static YamlMap readMap(JsonParser parser, String file, String path, SourceLocation location)
            throws IOException {
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        Map<String, SourceLocation> keyLocations = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceLocation keyLocation = locationOf(parser, file);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (fields.containsKey(key)) {
                throw new InvalidInputException(keyLocation, childPath, "appears twice (first at line "
                        + keyLocations.get(key).line() + ")");
            }
            parser.nextToken();
            fields.put(key, readValue(parser, file, childPath));
            keyLocations.put(key, keyLocation);
        }
        return new YamlMap(fields, keyLocations, location, path);
    }

    private static YamlList readList(JsonParser parser, String file, String path, SourceLocation location)
            throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, file, path + "[" + items.size() + "]"));
        }
        return new YamlList(items, location, path);
    }

    private static SourceLocation locationOf(JsonParser parser, String file) {
        JsonLocation at = parser.currentTokenLocation();
        return new SourceLocation(file, at.getLineNr(), at.getColumnNr());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
