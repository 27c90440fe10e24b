package io.relyscan.core.rule;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map from strings, iterated in key order: what {@code unmodifiableSortedMap(new TreeMap<>(m))}
 * gives (same iteration order, {@code equals}, {@code hashCode} and {@code toString}; null keys rejected, null
 * values kept; every mutator throws {@link UnsupportedOperationException}) in two arrays instead of a tree.
 * A finding's evidence and parameters are held this way: millions of findings each holding a tree of a few
 * entries cost more heap than the inventory they judge, and the parameters map of one rule is shared by all of
 * its findings instead of being copied into each.
 */
final class CompactSortedMap<V> extends AbstractMap<String, V> {
    private static final CompactSortedMap<Object> EMPTY = new CompactSortedMap<>(new String[0], new Object[0]);

    private final String[] keys;
    private final Object[] values;

    private CompactSortedMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The map itself when it already is one (it is immutable), otherwise a sorted copy. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> copyOf(Map<String, ? extends V> source) {
        if (source instanceof CompactSortedMap<?> compact) {
            return (Map<String, V>) compact;
        }
        if (source.isEmpty()) {
            return (Map<String, V>) EMPTY;
        }
        int n = source.size();
        String[] keys = new String[n];
        Object[] values = new Object[n];
        if (source instanceof SortedMap<String, ? extends V> sorted && sorted.comparator() == null) {
            int i = 0;
            for (Map.Entry<String, ? extends V> e : source.entrySet()) {
                keys[i] = Objects.requireNonNull(e.getKey(), "key");
                values[i++] = e.getValue();
            }
            return new CompactSortedMap<>(keys, values);
        }
        Object[][] entries = new Object[n][];
        int k = 0;
        for (Map.Entry<String, ? extends V> e : source.entrySet()) {
            entries[k++] = new Object[] {Objects.requireNonNull(e.getKey(), "key"), e.getValue()};
        }
        Arrays.sort(entries, (a, b) -> ((String) a[0]).compareTo((String) b[0]));
        for (int i = 0; i < n; i++) {
            keys[i] = (String) entries[i][0];
            values[i] = entries[i][1];
        }
        return new CompactSortedMap<>(keys, values);
    }

    /**
     * The first {@code size} entries of the arrays (distinct, non-null keys in any order; the arrays are not
     * kept), sorted by key, with keys arrays and values shared through {@code interner}.
     */
    static CompactSortedMap<Object> sorted(String[] keys, Object[] values, int size, Interner interner) {
        if (size == 0) {
            return EMPTY;
        }
        String[] k = Arrays.copyOf(keys, size);
        Object[] v = Arrays.copyOf(values, size);
        for (int i = 1; i < size; i++) { // insertion sort: a finding has a handful of evidence fields
            String key = k[i];
            Object value = v[i];
            int j = i - 1;
            while (j >= 0 && k[j].compareTo(key) > 0) {
                k[j + 1] = k[j];
                v[j + 1] = v[j];
                j--;
            }
            k[j + 1] = key;
            v[j + 1] = value;
        }
        for (int i = 0; i < size; i++) {
            v[i] = interner.intern(v[i]);
        }
        return new CompactSortedMap<>(interner.internKeys(k), v);
    }

    private int indexOf(Object key) {
        return Arrays.binarySearch(keys, (String) Objects.requireNonNull(key, "key"));
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? (V) values[i] : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], (V) values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<String, V> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public V put(String key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ? extends V> m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super V, ? extends V> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V putIfAbsent(String key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replace(String key, V oldValue, V newValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V replace(String key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V computeIfAbsent(String key, Function<? super String, ? extends V> mappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V compute(String key, BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V merge(String key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }
}
