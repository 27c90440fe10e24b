package io.relyscan.cli.config;

import io.relyscan.core.rule.Severity;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configuration of one rule in {@code relyscan.yaml}.
 *
 * @param enabled    false: the rule is not evaluated and its inputs are not collected for it
 * @param severity   replaces the rule's default severity (its other severities shift with it)
 * @param parameters parameter values, already validated against the rule's parameters, sorted by name
 */
public record RuleConfig(boolean enabled, Optional<Severity> severity, Map<String, String> parameters) {
    public RuleConfig {
        Objects.requireNonNull(severity, "severity");
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(parameters,
                "parameters")));
    }

    /** A rule the file does not mention: enabled, default severity and parameters. */
    public static RuleConfig defaults() {
        return new RuleConfig(true, Optional.empty(), Map.of());
    }
}
