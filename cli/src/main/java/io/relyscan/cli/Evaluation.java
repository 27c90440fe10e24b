package io.relyscan.cli;

import io.relyscan.core.engine.CatalogVersion;
import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;

import java.util.List;

/** Evaluates rules over an inventory into a report. */
final class Evaluation {
    private Evaluation() {
    }

    static ScanReport evaluate(Inventory inventory, List<Rule> rules) {
        return evaluate(inventory, rules, EngineSettings.defaults());
    }

    /** With configured parameters and severities; the report lists each rule at its effective severity. */
    static ScanReport evaluate(Inventory inventory, List<Rule> rules, EngineSettings settings) {
        RuleEngine engine = new RuleEngine(rules, settings);
        List<RuleMetadata> effective = rules.stream().map(engine::effectiveMetadata).toList();
        return ScanReport.of(ToolVersion.get(), inventory, effective, engine.evaluate(inventory))
                .withCatalog(CatalogVersion.of(ToolVersion.get(), effective, settings));
    }
}
