package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;
import io.relyscan.report.snapshot.InventorySnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-run the rules on a saved inventory snapshot, with no AWS access.",
                "Snapshots come from 'relyscan scan --save-inventory FILE'.",
                "Enabled rules, parameters, severities and tier-1 resources come from relyscan.yaml "
                        + "(see --config and docs/configuration.md)."},
        footer = {"", "Exit codes: 0 clean, 1 failing findings at or above --fail-on "
                + "(with --baseline: NEW failing findings only), 2 usage or input error "
                + "(e.g. an invalid snapshot), 3 the snapshot records an incomplete collection (when several "
                + "apply, 2 wins over 3, and 3 over 1)."})
final class EvaluateCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Option(names = "--inventory", paramLabel = "FILE", required = true,
            description = "Inventory snapshot (JSON) to evaluate")
    Path inventory;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Mixin
    FrameworkOption framework;

    @Mixin
    WaiverOption waivers;

    @Mixin
    BaselineOption baseline;

    @Mixin
    VerboseOption verbose;

    EvaluateCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        output.validate();
        waivers.load();
        baseline.load();
        RelyscanConfig configuration = config.load();
        List<Rule> rules = framework.select(RuleSelection.enabled(configuration));
        Inventory snapshot = InventorySnapshots.read(inventory);
        ScanReport report = baseline.compare(framework.attach(waivers.apply(Evaluation.evaluate(snapshot, rules,
                configuration.engineSettings()))), cli.err());
        return new ReportPublisher(cli).publish(report, output).code();
    }
}
