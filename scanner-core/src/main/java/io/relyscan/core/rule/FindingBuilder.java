package io.relyscan.core.rule;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds one finding of a rule about one subject; collects evidence, then ends with an outcome. */
public final class FindingBuilder {
    private final RuleMetadata rule;
    private final Map<String, String> parameters;
    private final String arn;
    private final String type;
    private final String name;
    private final String account;
    private final String region;
    private final Interner interner;
    // The evidence so far, in the order given (a key given again keeps its place, takes the new value); sorted by
    // key when a finding is built. Arrays rather than a map: builders are made once per finding.
    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;

    FindingBuilder(RuleMetadata rule, Map<String, String> parameters, String arn, String type, String name,
                   String account, String region, Interner interner) {
        this.interner = interner;
        this.rule = rule;
        this.parameters = parameters;
        this.arn = arn;
        this.type = type;
        this.name = name;
        this.account = account;
        this.region = region;
    }

    /** Records a raw field. Collections are copied as sorted-order-preserving lists of strings. */
    public FindingBuilder evidence(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Object normalized = normalize(value);
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                values[i] = normalized;
                return this;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = normalized;
        return this;
    }

    private Object normalize(Object value) {
        if (value instanceof Collection<?> c) {
            return interner.internList(strings(c.toArray()));
        }
        if (value instanceof Object[] a) {
            return interner.internList(strings(a));
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value;
    }

    /** The items as strings, in order, in an immutable list (nulls allowed, as String.valueOf may give one). */
    private static List<String> strings(Object[] items) {
        String[] out = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = String.valueOf(items[i]);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    public Finding pass(String message) {
        return build(Outcome.PASS, rule.severity(), message);
    }

    public Finding fail(String message) {
        return build(Outcome.FAIL, rule.severity(), message);
    }

    /** A failure at a severity other than the rule's default (e.g. the catalog's WARN cases). */
    public Finding fail(Severity severity, String message) {
        return build(Outcome.FAIL, severity, message);
    }

    public Finding notApplicable(String reason) {
        return build(Outcome.NOT_APPLICABLE, rule.severity(), reason);
    }

    /** The rule could not decide: an input it needs is missing. Never PASS on missing data. */
    public Finding error(String message) {
        return build(Outcome.ERROR, rule.severity(), message);
    }

    private Finding build(Outcome outcome, Severity severity, String message) {
        return new Finding(null, rule.id(), arn, type, name, account, region, outcome, severity,
                interner.intern(message), CompactSortedMap.sorted(keys, values, size, interner), parameters);
    }

    static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
