package io.relyscan.report.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed JSON value that remembers where it started, so that errors found while decoding can name the
 * line and column. (Jackson's own tree drops locations.)
 */
final class JsonNode {
    enum Kind {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), INTEGER("an integer"), DECIMAL("a decimal number"),
        BOOLEAN("a boolean"), NULL("null");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** Parses files as JsonFormat parses byte arrays (its factory's settings concern writing only). */
    private static final JsonFactory FILES = new JsonFactory();

    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    final Kind kind;
    final int line;
    final int column;
    /** String, number text, Boolean, or null. */
    final Object scalar;
    final Map<String, JsonNode> fields;
    final List<JsonNode> elements;

    private JsonNode(Kind kind, int line, int column, Object scalar, Map<String, JsonNode> fields,
                     List<JsonNode> elements) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.scalar = scalar;
        this.fields = fields;
        this.elements = elements;
    }

    String text() {
        return (String) scalar;
    }

    /** A short description of the value for error messages: its kind, and for scalars the value itself. */
    String describe() {
        return switch (kind) {
            case STRING -> "the string " + Problems.quote(text());
            case INTEGER, DECIMAL -> "the number " + Problems.cap(text());
            case BOOLEAN -> scalar.toString();
            case NULL -> "null";
            default -> kind.description;
        };
    }

    /** An object node made of fields read elsewhere (a streaming reader's view of the document root). */
    static JsonNode object(int line, int column, Map<String, JsonNode> fields) {
        return new JsonNode(Kind.OBJECT, line, column, null, Collections.unmodifiableMap(fields), null);
    }

    /** Parses one JSON document. */
    static JsonNode parse(byte[] json, String source) {
        return parse(json, source, true);
    }

    /**
     * Checks one JSON document exactly as {@link #parse} does (same errors: empty, malformed, duplicate field,
     * content after the end) without building it, so that a large document can then be read in pieces with
     * {@link #read(JsonParser, JsonToken)} knowing no syntax error will come.
     */
    static void check(byte[] json, String source) {
        parse(json, source, false);
    }

    /** {@link #check(byte[], String)} for a file, read as a stream: the file is never held in memory. */
    static void check(Path file, String source) {
        parse(() -> parser(file), source, false);
    }

    /** A parser over a file, as {@link JsonFormat#parser(byte[])} is over bytes; close it. */
    static JsonParser parser(Path file) throws IOException {
        return FILES.createParser(Files.newInputStream(file));
    }

    /** The value starting at {@code token} (the parser's current token), as a tree. */
    static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        return read(p, token, true);
    }

    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    private static JsonNode parse(byte[] json, String source, boolean build) {
        return parse(() -> JsonFormat.parser(json), source, build);
    }

    private static JsonNode parse(ParserSource input, String source, boolean build) {
        JsonParser parser;
        try {
            parser = input.open();
        } catch (IOException e) {
            throw Problems.at(source, 1, 1, "", "cannot read JSON: " + e.getMessage());
        }
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                JsonLocation end = parser.currentLocation();
                throw Problems.at(source, Math.max(1, end.getLineNr()), Math.max(1, end.getColumnNr()), "",
                        "the file is empty; expected a JSON inventory snapshot");
            }
            JsonNode root = read(parser, first, build);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw Problems.at(source, at.getLineNr(), at.getColumnNr(), "",
                        "unexpected content after the end of the JSON document");
            }
            return root;
        } catch (DuplicateField e) {
            throw Problems.at(source, e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.path,
                    e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw Problems.at(source, line, column, pathOf(parser.getParsingContext()),
                    "malformed JSON: " + Problems.cap(withoutSourceReference(e.getOriginalMessage())));
        } catch (IOException e) {
            throw Problems.at(source, 0, 0, "", "cannot read JSON: " + e.getMessage());
        }
    }

    /** The value as a tree, or (when not {@code build}) null after checking it as building it would. */
    private static JsonNode read(JsonParser p, JsonToken token, boolean build) throws IOException {
        if (!build && token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                    || token == JsonToken.VALUE_NUMBER_FLOAT) {
                p.getText(); // Jackson decodes text lazily: its errors surface here, as when building
            }
            return null;
        }
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation nameAt = p.currentTokenLocation();
                    JsonNode value = read(p, p.nextToken(), build);
                    if (fields.containsKey(name)) {
                        throw new DuplicateField(nameAt, pathOf(p.getParsingContext()), name);
                    }
                    fields.put(name, value);
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new IllegalStateException("parser gave " + t + " inside an object");
                }
                return build ? new JsonNode(Kind.OBJECT, line, column, null, Collections.unmodifiableMap(fields), null)
                        : null;
            }
            case START_ARRAY -> {
                List<JsonNode> elements = build ? new ArrayList<>() : null;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    JsonNode element = read(p, t, build);
                    if (build) {
                        elements.add(element);
                    }
                }
                return build ? new JsonNode(Kind.ARRAY, line, column, null, null, Collections.unmodifiableList(elements))
                        : null;
            }
            case VALUE_STRING -> {
                return new JsonNode(Kind.STRING, line, column, p.getText(), null, null);
            }
            case VALUE_NUMBER_INT -> {
                return new JsonNode(Kind.INTEGER, line, column, p.getText(), null, null);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new JsonNode(Kind.DECIMAL, line, column, p.getText(), null, null);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonNode(Kind.BOOLEAN, line, column, token == JsonToken.VALUE_TRUE, null, null);
            }
            case VALUE_NULL -> {
                return new JsonNode(Kind.NULL, line, column, null, null, null);
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** Jackson cites other locations as "[Source: REDACTED (...); line: 3, column: 15]": keep the position. */
    private static String withoutSourceReference(String message) {
        return message == null ? "" : SOURCE_REFERENCE.matcher(message).replaceAll("line $1, column $2");
    }

    /** The dotted path of a parser context, e.g. {@code resources[2].tags}. */
    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                if (c.getCurrentIndex() >= 0) {
                    parts.add("[" + c.getCurrentIndex() + "]");
                }
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** A field that appears twice in one object: ambiguous, so rejected. */
    static final class DuplicateField extends JsonProcessingException {
        final String path;

        DuplicateField(JsonLocation at, String path, String name) {
            super("the field " + Problems.quote(name) + " appears more than once in the same object", at);
            this.path = path;
        }
    }
}
