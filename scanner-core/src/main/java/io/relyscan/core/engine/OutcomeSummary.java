package io.relyscan.core.engine;

import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts of findings by outcome, and of failing findings by severity. */
public record OutcomeSummary(Map<Outcome, Long> byOutcome, Map<Severity, Long> failuresBySeverity) {
    public OutcomeSummary {
        byOutcome = Collections.unmodifiableMap(new EnumMap<>(byOutcome));
        failuresBySeverity = Collections.unmodifiableMap(new EnumMap<>(failuresBySeverity));
    }

    public static OutcomeSummary of(List<Finding> findings) {
        EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        EnumMap<Severity, Long> severities = new EnumMap<>(Severity.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, 0L);
        }
        for (Severity s : Severity.values()) {
            severities.put(s, 0L);
        }
        for (Finding f : findings) {
            outcomes.merge(f.outcome(), 1L, Long::sum);
            if (f.outcome() == Outcome.FAIL) {
                severities.merge(f.severity(), 1L, Long::sum);
            }
        }
        return new OutcomeSummary(outcomes, severities);
    }

    public long count(Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    public long failuresAtLeast(Severity threshold) {
        return failuresBySeverity.entrySet().stream().filter(e -> e.getKey().atLeast(threshold))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
