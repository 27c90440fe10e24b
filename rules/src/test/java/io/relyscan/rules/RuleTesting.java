package io.relyscan.rules;

import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts shared by the rule tests. */
final class RuleTesting {
    private RuleTesting() {
    }

    static List<Finding> evaluate(Rule rule, Inventory inventory) {
        return rule.evaluate(RuleContext.withDefaults(rule.metadata(), inventory));
    }

    static List<Finding> evaluate(Rule rule, Inventory inventory, Map<String, String> parameters) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, parameters));
    }

    /** The single finding about the resource (or region) with this display name. */
    static Finding finding(List<Finding> findings, String name) {
        List<Finding> matching = findings.stream().filter(f -> name.equals(f.resourceName())).toList();
        assertThat(matching).as("findings named %s in %s", name, findings).hasSize(1);
        return matching.get(0);
    }

    static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    /** Runs the rule through the engine, which guards coverage; asserts no PASS and at least one ERROR. */
    static List<Finding> assertEngineRefusesToPass(Rule rule, Inventory inventory) {
        List<Finding> findings = RuleEngine.withDefaults(List.of(rule)).evaluate(inventory);
        assertThat(findings).extracting(Finding::outcome).doesNotContain(Outcome.PASS).contains(Outcome.ERROR);
        return findings;
    }
}
