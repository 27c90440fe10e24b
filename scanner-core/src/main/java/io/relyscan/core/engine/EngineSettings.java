package io.relyscan.core.engine;

import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the engine runs the rules, as set by configuration.
 *
 * @param parameters per rule id, parameter values that replace the defaults (validated by the rule's
 *                   {@code RuleParameter}s when the rule runs)
 * @param severities per rule id, the severity that replaces the rule's default; the rule's other severities
 *                   shift by the same number of levels (see {@link SeverityPolicy})
 * @param tier1      which resources are tier-1: their FAIL findings are escalated one level
 */
public record EngineSettings(Map<String, Map<String, String>> parameters, Map<String, Severity> severities,
                             Optional<Tier1Selector> tier1) {
    public EngineSettings {
        TreeMap<String, Map<String, String>> p = new TreeMap<>();
        Objects.requireNonNull(parameters, "parameters").forEach((rule, values) -> p.put(rule, Map.copyOf(values)));
        parameters = java.util.Collections.unmodifiableSortedMap(p);
        severities = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(severities,
                "severities")));
        Objects.requireNonNull(tier1, "tier1");
    }

    /** Defaults everywhere: no parameter or severity override, no tier-1 resources. */
    public static EngineSettings defaults() {
        return new EngineSettings(Map.of(), Map.of(), Optional.empty());
    }

    public EngineSettings withParameters(Map<String, Map<String, String>> newParameters) {
        return new EngineSettings(newParameters, severities, tier1);
    }

    public EngineSettings withSeverities(Map<String, Severity> newSeverities) {
        return new EngineSettings(parameters, newSeverities, tier1);
    }

    public EngineSettings withTier1(Tier1Selector selector) {
        return new EngineSettings(parameters, severities, Optional.ofNullable(selector));
    }

    public Map<String, String> parametersOf(String ruleId) {
        return parameters.getOrDefault(ruleId, Map.of());
    }

    public Optional<Severity> severityOf(String ruleId) {
        return Optional.ofNullable(severities.get(ruleId));
    }
}
