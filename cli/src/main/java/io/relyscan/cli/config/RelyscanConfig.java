package io.relyscan.cli.config;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated {@code relyscan.yaml}: which rules run, with which parameters and severities, and which resources
 * are tier-1.
 *
 * @param source the file it was read from; empty for the built-in defaults
 * @param rules  per rule id, what the file sets; rules it does not mention keep their defaults
 */
public record RelyscanConfig(Optional<String> source, Optional<Tier1Selector> tier1, Map<String, RuleConfig> rules) {
    /** The schema version this relyscan reads. */
    public static final int VERSION = 1;

    public RelyscanConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tier1, "tier1");
        rules = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(rules, "rules")));
    }

    /** No file: every rule enabled with its defaults, no tier-1 resources. */
    public static RelyscanConfig defaults() {
        return new RelyscanConfig(Optional.empty(), Optional.empty(), Map.of());
    }

    public RuleConfig rule(String ruleId) {
        return rules.getOrDefault(ruleId, RuleConfig.defaults());
    }

    public boolean enabled(String ruleId) {
        return rule(ruleId).enabled();
    }

    /** The rules of {@code catalog} this configuration enables, in catalog order. */
    public List<Rule> enabledRules(List<Rule> catalog) {
        return catalog.stream().filter(r -> enabled(r.metadata().id())).toList();
    }

    /** Parameter and severity overrides and the tier-1 selector, for the rule engine. */
    public EngineSettings engineSettings() {
        Map<String, Map<String, String>> parameters = new TreeMap<>();
        Map<String, Severity> severities = new TreeMap<>();
        rules.forEach((id, rule) -> {
            if (!rule.parameters().isEmpty()) {
                parameters.put(id, rule.parameters());
            }
            rule.severity().ifPresent(s -> severities.put(id, s));
        });
        return new EngineSettings(parameters, severities, tier1);
    }
}
