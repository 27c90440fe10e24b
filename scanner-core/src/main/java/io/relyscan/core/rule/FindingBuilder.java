package io.relyscan.core.rule;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds one finding of a rule about one subject; collects evidence, then ends with an outcome. */
public final class FindingBuilder {
    private final RuleMetadata rule;
    private final Map<String, String> parameters;
    private final String arn;
    private final String type;
    private final String name;
    private final String account;
    private final String region;
    private final TreeMap<String, Object> evidence = new TreeMap<>();

    FindingBuilder(RuleMetadata rule, Map<String, String> parameters, String arn, String type, String name,
                   String account, String region) {
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
        evidence.put(key, normalize(value));
        return this;
    }

    private static Object normalize(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (value instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value;
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
        return new Finding(null, rule.id(), arn, type, name, account, region, outcome, severity, message,
                evidence, parameters);
    }

    static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
