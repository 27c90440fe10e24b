package io.relyscan.report;

import io.relyscan.report.internal.JsonFormat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evidence as one line of text for the CSV and JUnit reports: a string as itself, any other value as compact
 * JSON written the way the JSON report writes it (sorted map keys, sorted sets), so the text is deterministic.
 */
final class EvidenceText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EvidenceText() {
    }

    /** {@code key=value; key=value} in key order. */
    static String of(Map<String, Object> evidence) {
        return evidence.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    static String value(Object value) {
        if (value instanceof String s) {
            return s;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JsonFormat.value(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render evidence", e);
        }
        return out.toString();
    }
}
