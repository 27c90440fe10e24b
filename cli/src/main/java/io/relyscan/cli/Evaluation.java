package io.relyscan.cli;

import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;

import java.util.List;

/** Evaluates rules over an inventory into a report. */
final class Evaluation {
    private Evaluation() {
    }

    static ScanReport evaluate(Inventory inventory, List<Rule> rules) {
        RuleEngine engine = RuleEngine.withDefaults(rules);
        return ScanReport.of(ToolVersion.get(), inventory, rules.stream().map(Rule::metadata).toList(),
                engine.evaluate(inventory));
    }
}
