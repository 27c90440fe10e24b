package io.relyscan.core.rule;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical instances of the immutable values findings hold (messages, evidence strings, lists and numbers, and
 * the key arrays of their evidence maps), one set per rule evaluation: a rule's findings repeat the same few
 * messages and values over thousands of resources, and holding one copy of each instead of one per finding
 * halves the heap a large evaluation needs. Only values whose equality is their identity for every reader are
 * shared: strings, boxed numbers, booleans and the immutable lists {@link FindingBuilder} makes. Not thread-safe:
 * each rule evaluation has its own {@link RuleContext} and runs on one thread (rules use no concurrency), so a
 * plain hash map serves, without the cost of a concurrent one.
 */
final class Interner {
    private final Map<Object, Object> canonical = new HashMap<>();

    /** The canonical instance equal to {@code value} when it is of a shareable kind, otherwise the value. */
    @SuppressWarnings("unchecked")
    <T> T intern(T value) {
        if (!(value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Keys || value instanceof ImmutableList)) {
            return value;
        }
        Object previous = canonical.putIfAbsent(value, value);
        return previous == null ? value : (T) previous;
    }

    /** A list {@link FindingBuilder} made (immutable, of strings), shared with equal lists. */
    List<String> internList(List<String> list) {
        return intern(new ImmutableList(list)).list();
    }

    /** An array of sorted evidence keys, shared with equal arrays (never modified once built). */
    String[] internKeys(String[] keys) {
        return intern(new Keys(keys)).keys();
    }

    private record ImmutableList(List<String> list) {
    }

    private record Keys(String[] keys) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Keys k && Arrays.equals(keys, k.keys);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keys);
        }
    }
}
