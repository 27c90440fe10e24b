package io.relyscan.cli;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.rules.frameworks.FrameworkCatalogs;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;

/** {@code --framework}: restrict a run to the rules mapped to one framework and group the report by control. */
final class FrameworkOption {
    @Option(names = "--framework", paramLabel = "FRAMEWORK",
            description = "Evaluate only the rules mapped to this framework and group the report by its controls, "
                    + "listing controls no rule covers as manual: wa-reliability, soc2, iso27001, nist-800-53")
    String framework;

    /** The chosen framework, or empty; an unknown id is an input error naming the valid ones. */
    Optional<Framework> chosen() {
        if (framework == null) {
            return Optional.empty();
        }
        return Optional.of(parse(framework));
    }

    static Framework parse(String id) {
        return Framework.byId(id).orElseThrow(() -> new InputException("--framework: unknown framework '" + id
                + "'; expected one of " + Framework.ids()));
    }

    /** The rules mapped to the chosen framework (all of them when none was chosen). */
    List<Rule> select(List<Rule> rules) {
        Optional<Framework> f = chosen();
        if (f.isEmpty()) {
            return rules;
        }
        List<Rule> mapped = rules.stream().filter(r -> !r.metadata().controls(f.get()).isEmpty()).toList();
        if (mapped.isEmpty()) {
            throw new InputException("--framework " + f.get().id() + ": none of the enabled rules maps to it");
        }
        return mapped;
    }

    /** The report with its findings grouped by the chosen framework's controls (unchanged when none). */
    ScanReport attach(ScanReport report) {
        return chosen().map(f -> report.withFramework(FrameworkView.of(FrameworkCatalogs.of(f), report.rules(),
                report.findings()))).orElse(report);
    }
}
