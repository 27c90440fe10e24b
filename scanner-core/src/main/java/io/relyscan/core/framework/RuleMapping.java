package io.relyscan.core.framework;

import io.relyscan.core.rule.MappingSource;

import java.util.Comparator;
import java.util.Objects;

/** A rule behind a control, and whether the mapping comes from an anchor or is proposed by relyscan. */
public record RuleMapping(String ruleId, MappingSource source) implements Comparable<RuleMapping> {
    public RuleMapping {
        Objects.requireNonNull(source, "source");
        if (ruleId == null || ruleId.isBlank()) {
            throw new IllegalArgumentException("ruleId must not be blank");
        }
    }

    /** The rule id, with {@code *} when the mapping is proposed (the rules catalog's notation). */
    public String label() {
        return source == MappingSource.PROPOSED ? ruleId + "*" : ruleId;
    }

    @Override
    public int compareTo(RuleMapping o) {
        return Comparator.comparing(RuleMapping::ruleId).thenComparing(RuleMapping::source).compare(this, o);
    }
}
