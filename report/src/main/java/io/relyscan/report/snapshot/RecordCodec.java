package io.relyscan.report.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.report.internal.JsonFormat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes and reads the inventory's records generically: one JSON object per record, one field per record
 * component, in declaration order, under the component's name. This keeps the snapshot lossless as the
 * model grows (a new component is written and read without code here) while the golden snapshot test pins
 * the format. Supported component types: String, Boolean, Integer, Long (boxed or primitive), Double (finite),
 * enums ({@link AwsService} by its id, others by name), records, {@code List<supported>} and
 * {@code Map<String, supported>}. Anything else fails when the class is loaded, not at scan time.
 */
final class RecordCodec {
    /** Messages of the model's own checks that name a component: "arn must not be blank", NPE "account". */
    private static final Pattern BLANK = Pattern.compile("(\\w+) must not be blank");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The field naming a resource's type in the snapshot. */
    static final String DISCRIMINATOR = "type";

    private final String source;

    RecordCodec(String source) {
        this.source = source;
    }

    // ---- support check ----------------------------------------------------------------------------------

    /** Fails fast when a record has a component type this codec cannot write and read back exactly. */
    static void requireSupported(Class<?> recordType) {
        requireSupported(recordType, recordType.getSimpleName());
    }

    private static void requireSupported(Type type, String where) {
        Class<?> raw = raw(type);
        if (raw == String.class || raw == Boolean.class || raw == boolean.class || raw == Integer.class
                || raw == int.class || raw == Long.class || raw == long.class || raw == Double.class
                || raw.isEnum()) {
            return;
        }
        if (raw == List.class) {
            requireSupported(typeArgument(type, 0, where), where + "[]");
            return;
        }
        if (raw == Map.class) {
            if (typeArgument(type, 0, where) != String.class) {
                throw new IllegalStateException("snapshot codec: map keys must be strings at " + where);
            }
            requireSupported(typeArgument(type, 1, where), where + "{}");
            return;
        }
        if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                requireSupported(c.getGenericType(), where + "." + c.getName());
            }
            return;
        }
        throw new IllegalStateException("snapshot codec: unsupported type " + type.getTypeName() + " at " + where
                + "; teach io.relyscan.report.snapshot.RecordCodec to write and read it");
    }

    // ---- writing ----------------------------------------------------------------------------------------

    /**
     * Writes a record as an object. {@code typeName}, when not null, is written first as the "type"
     * discriminator; a component of the record that is itself called "type" is then written under
     * {@link #fieldName its renamed field}.
     */
    static void writeRecord(JsonGenerator g, Record record, String typeName) throws IOException {
        g.writeStartObject();
        if (typeName != null) {
            g.writeStringField(DISCRIMINATOR, typeName);
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            g.writeFieldName(fieldName(c, typeName));
            writeValue(g, c.getGenericType(), get(record, c));
        }
        g.writeEndObject();
    }

    /**
     * The JSON field of a component. In an object that carries the "type" discriminator, a component called
     * "type" (LoadBalancer's application/network/gateway/classic) would collide with it, so it is written as
     * the decapitalized type name plus "Type": {@code loadBalancerType}.
     */
    static String fieldName(RecordComponent c, String discriminator) {
        if (discriminator != null && c.getName().equals(DISCRIMINATOR)) {
            return Character.toLowerCase(discriminator.charAt(0)) + discriminator.substring(1) + "Type";
        }
        return c.getName();
    }

    private static void writeValue(JsonGenerator g, Type type, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        Class<?> raw = raw(type);
        if (value instanceof String s) {
            JsonFormat.string(g, s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            // JSON has no NaN or infinity; the model never holds them (collectors drop such datapoints).
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof AwsService service) {
            g.writeString(service.id());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof List<?> list) {
            Type element = typeArgument(type, 0, raw.getName());
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, element, item);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            Type valueType = typeArgument(type, 1, raw.getName());
            g.writeStartObject();
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                g.writeFieldName(JsonFormat.wellFormed((String) e.getKey()));
                writeValue(g, valueType, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Record r) {
            writeRecord(g, r, null);
        } else {
            throw new IllegalStateException("snapshot codec: cannot write " + value.getClass().getName());
        }
    }

    private static Object get(Record record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------

    /**
     * Reads a record from an object node. Absent fields are null (the model turns absent lists and maps into
     * empty ones); absent primitives are an error. Fields the record does not have are ignored, so that
     * additions to schema version 1 stay readable by older releases (this is also why the "type"
     * discriminator of a resource needs no special case here).
     */
    <R extends Record> R readRecord(JsonNode node, Class<R> type, String path) {
        return readRecord(node, type, path, null);
    }

    /** Reads a record whose object carries the "type" discriminator {@code discriminator} (or null). */
    <R extends Record> R readRecord(JsonNode node, Class<R> type, String path, String discriminator) {
        requireKind(node, JsonNode.Kind.OBJECT, path, "an object");
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String field = fieldName(c, discriminator);
            String fieldPath = join(path, field);
            JsonNode value = node.fields.get(field);
            if (value == null) {
                if (c.getType().isPrimitive()) {
                    throw Problems.at(source, node, fieldPath, "required field is missing");
                }
                args[i] = null;
            } else {
                args[i] = read(value, c.getGenericType(), fieldPath);
            }
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rejected(node, type, path, components, discriminator, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    Object read(JsonNode node, Type type, String path) {
        Class<?> raw = raw(type);
        if (node.kind == JsonNode.Kind.NULL) {
            if (raw.isPrimitive()) {
                throw Problems.at(source, node, path, "must not be null");
            }
            return null;
        }
        if (raw == String.class) {
            requireKind(node, JsonNode.Kind.STRING, path, "a string");
            return node.text();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            requireKind(node, JsonNode.Kind.BOOLEAN, path, "true or false");
            return node.scalar;
        }
        if (raw == Integer.class || raw == int.class) {
            return integer(node, path, INT_MIN, INT_MAX).intValue();
        }
        if (raw == Long.class || raw == long.class) {
            return integer(node, path, LONG_MIN, LONG_MAX).longValue();
        }
        if (raw == Double.class) {
            if (node.kind != JsonNode.Kind.INTEGER && node.kind != JsonNode.Kind.DECIMAL) {
                throw Problems.at(source, node, path, "expected a number, got " + node.describe());
            }
            double d = Double.parseDouble(node.text());
            if (Double.isInfinite(d)) {
                throw Problems.at(source, node, path, "expected a finite number, got " + Problems.cap(node.text()));
            }
            return d;
        }
        if (raw == AwsService.class) {
            requireKind(node, JsonNode.Kind.STRING, path, "a service id");
            return AwsService.fromId(node.text()).filter(s -> s.id().equals(node.text()))
                    .orElseThrow(() -> Problems.at(source, node, path, "unknown service " + Problems.quote(node.text())
                            + "; expected one of " + Arrays.stream(AwsService.values()).map(AwsService::id)
                            .collect(Collectors.joining(", "))));
        }
        if (raw.isEnum()) {
            requireKind(node, JsonNode.Kind.STRING, path, "a string");
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(node.text())) {
                    return constant;
                }
            }
            throw Problems.at(source, node, path, "unknown value " + Problems.quote(node.text()) + "; expected one of "
                    + Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ")));
        }
        if (raw == List.class) {
            requireKind(node, JsonNode.Kind.ARRAY, path, "an array");
            Type element = typeArgument(type, 0, path);
            List<Object> items = new ArrayList<>(node.elements.size());
            for (int i = 0; i < node.elements.size(); i++) {
                JsonNode item = node.elements.get(i);
                String itemPath = path + "[" + i + "]";
                if (item.kind == JsonNode.Kind.NULL) {
                    throw Problems.at(source, item, itemPath, "null is not allowed in this list");
                }
                items.add(read(item, element, itemPath));
            }
            return items;
        }
        if (raw == Map.class) {
            requireKind(node, JsonNode.Kind.OBJECT, path, "an object");
            Type valueType = typeArgument(type, 1, path);
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields.forEach((k, v) -> map.put(k, read(v, valueType, path + "[" + Problems.quote(k) + "]")));
            return map;
        }
        if (raw.isRecord()) {
            return readRecord(node, raw.asSubclass(Record.class), path);
        }
        throw new IllegalStateException("snapshot codec: cannot read " + type.getTypeName());
    }

    private BigInteger integer(JsonNode node, String path, BigInteger min, BigInteger max) {
        requireKind(node, JsonNode.Kind.INTEGER, path, "an integer");
        BigInteger value = new BigInteger(node.text());
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw Problems.at(source, node, path, "expected an integer from " + min + " to " + max + ", got "
                    + Problems.cap(node.text()));
        }
        return value;
    }

    private void requireKind(JsonNode node, JsonNode.Kind kind, String path, String expected) {
        if (node.kind != kind) {
            throw Problems.at(source, node, path, "expected " + expected + ", got " + node.describe());
        }
    }

    /** Turns the model's own validation failure into a message that names the field when it can. */
    private RuntimeException rejected(JsonNode node, Class<?> type, String path, RecordComponent[] components,
                                      String discriminator, Throwable cause) {
        if (!(cause instanceof IllegalArgumentException) && !(cause instanceof NullPointerException)) {
            throw new IllegalStateException("unexpected failure constructing " + type.getName(), cause);
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        String field = null;
        if (cause instanceof NullPointerException && names.contains(message)) {
            field = message;
        } else {
            Matcher m = BLANK.matcher(message);
            if (m.matches() && names.contains(m.group(1))) {
                field = m.group(1);
            }
        }
        if (field != null) {
            String component = field;
            field = Arrays.stream(components).filter(c -> c.getName().equals(component)).findFirst()
                    .map(c -> fieldName(c, discriminator)).orElse(field);
            JsonNode value = node.fields.get(field);
            String fieldPath = join(path, field);
            if (value == null) {
                return Problems.at(source, node, fieldPath, "required field is missing");
            }
            if (value.kind == JsonNode.Kind.NULL) {
                return Problems.at(source, value, fieldPath, "must not be null");
            }
            return Problems.at(source, value, fieldPath, "must not be blank");
        }
        return Problems.at(source, node, path, "invalid " + type.getSimpleName() + ": " + Problems.cap(message));
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("snapshot codec: unsupported type " + type.getTypeName());
    }

    private static Type typeArgument(Type type, int index, String where) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("snapshot codec: raw collection type at " + where);
    }
}
