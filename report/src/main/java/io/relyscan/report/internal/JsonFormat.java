package io.relyscan.report.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The one JSON dialect relyscan writes: UTF-8, 2-space indent, "\n" line endings, {@code "key": value},
 * empty containers as {@code []} and {@code {}}, and a trailing newline. Characters that are legal in JSON
 * but dangerous when a file is viewed in a terminal or embedded in JavaScript (DEL, C1 controls, U+2028,
 * U+2029, bidi controls) are written as {@code \\uXXXX} escapes: the data stays exact, the bytes stay inert.
 *
 * <p>Internal to the report module; not an API.
 */
public final class JsonFormat {
    // Characters outside the BMP (emoji in tags) are written as UTF-8, not as escaped surrogate pairs.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private static final Escapes ESCAPES = new Escapes();

    private JsonFormat() {
    }

    /** Writes one JSON document with {@code body} and returns its bytes. */
    public static byte[] write(JsonBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            write(bytes, body);
        } catch (IOException e) {
            // Only an in-memory stream is written: an IOException here is a bug, not an input problem.
            throw new UncheckedIOException("could not produce JSON", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes one JSON document with {@code body} to {@code out}, the same bytes {@link #write(JsonBody)} returns,
     * without holding the document in memory. Flushes {@code out} but leaves it open.
     */
    public static void write(OutputStream out, JsonBody body) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            g.setCharacterEscapes(ESCAPES);
            body.write(g);
            g.flush();
            g.writeRaw('\n');
        }
        out.flush();
    }

    /**
     * Writes JSON Lines: each value {@code body} writes at the root goes on a line of its own, compact, with the
     * same escapes as {@link #write(JsonBody)}. Every line ends with "\n"; no values give no bytes.
     */
    public static byte[] writeLines(JsonBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            writeLines(bytes, body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not produce JSON", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes JSON Lines to {@code out}, the same bytes {@link #writeLines(JsonBody)} returns, without holding
     * them in memory: the generator's buffer goes to {@code out} as it fills. Flushes {@code out} but leaves it
     * open.
     */
    public static void writeLines(OutputStream out, JsonBody body) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setCharacterEscapes(ESCAPES);
            // Written before every root value but the first; the last line's "\n" is added below.
            g.setRootValueSeparator(new SerializedString("\n"));
            body.write(g);
            // The root context counts the values written at the root: none, no bytes at all.
            if (g.getOutputContext().getEntryCount() > 0) {
                g.writeRaw('\n');
            }
        }
        out.flush();
    }

    public static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** Writes a string, replacing unpaired surrogates (which UTF-8 cannot encode) by U+FFFD. */
    public static void string(JsonGenerator g, String value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(wellFormed(value));
        }
    }

    public static void field(JsonGenerator g, String name, String value) throws IOException {
        g.writeFieldName(wellFormed(name));
        string(g, value);
    }

    /** The string with every unpaired surrogate replaced by U+FFFD. */
    /**
     * Evidence values as native JSON: integers stay integers, finite decimals stay numbers, booleans and
     * null stay themselves. Maps are written with sorted keys, unordered sets sorted by their text, and
     * anything else (enums, times, non-finite numbers, other objects) as its string form.
     */
    public static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            string(g, s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (value instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Optional<?> o) {
            value(g, o.orElse(null));
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            g.writeStartObject();
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                g.writeFieldName(wellFormed(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> c) {
            Collection<?> ordered = c instanceof Set<?> && !(c instanceof SortedSet<?>)
                    ? c.stream().sorted((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).toList() : c;
            g.writeStartArray();
            for (Object item : ordered) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] array) {
            g.writeStartArray();
            for (Object item : array) {
                value(g, item);
            }
            g.writeEndArray();
        } else {
            string(g, value.toString());
        }
    }

    public static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return replaceUnpaired(s);
            }
        }
        return s;
    }

    private static String replaceUnpaired(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** Writes the content of a document. */
    @FunctionalInterface
    public interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static final class Escapes extends CharacterEscapes {
        private final int[] ascii;

        Escapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return needsEscape(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }

        private static boolean needsEscape(int ch) {
            return (ch >= 0x80 && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029 || (ch >= 0x202A && ch <= 0x202E)
                    || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200E || ch == 0x200F || ch == 0x061C;
        }
    }
}
