package io.relyscan.report.html;

import com.fasterxml.jackson.core.JsonGenerator;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Evidence values as JSON, written as the JSON report writes them (sorted map keys, sorted sets), so that the
 * page is deterministic and the values read the same in both reports.
 */
final class EvidenceJson {
    private EvidenceJson() {
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            JsonFormat.string(g, s);
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
            write(g, o.orElse(null));
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            g.writeStartObject();
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                g.writeFieldName(JsonFormat.wellFormed(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> c) {
            Collection<?> ordered = c instanceof Set<?> && !(c instanceof SortedSet<?>)
                    ? c.stream().sorted((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))).toList() : c;
            g.writeStartArray();
            for (Object item : ordered) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] array) {
            g.writeStartArray();
            for (Object item : array) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            JsonFormat.string(g, value.toString());
        }
    }
}
