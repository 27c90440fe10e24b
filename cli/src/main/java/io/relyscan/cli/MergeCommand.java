package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;
import io.relyscan.report.snapshot.InventorySnapshots;
import io.relyscan.report.snapshot.SnapshotMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge the inventory snapshots of the shards of a distributed run into one inventory and "
                + "evaluate it like 'relyscan evaluate', with no AWS access.",
                "Snapshots come from 'relyscan scan --save-inventory FILE'. Inputs must not overlap: the same "
                        + "account and region, or the same resource, in two inputs is refused. The merged "
                        + "inventory is captured at the earliest input's capture time."},
        footer = {"", "Exit codes: 0 clean, 1 failing findings at or above --fail-on, 2 usage or input error "
                + "(an invalid snapshot, overlapping shards), 3 a snapshot records an incomplete collection "
                + "(3 wins over 1)."})
final class MergeCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Parameters(paramLabel = "SNAPSHOT", arity = "1..*",
            description = "Inventory snapshots (JSON) to merge, one per shard")
    List<Path> inputs;

    @Option(names = "--save-inventory", paramLabel = "FILE",
            description = "Also write the merged inventory as a JSON snapshot, for 'relyscan evaluate' later")
    Path saveInventory;

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Mixin
    FrameworkOption framework;

    @Mixin
    VerboseOption verbose;

    MergeCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        output.validate();
        if (saveInventory != null) {
            OutputOptions.checkWritableFile("--save-inventory", saveInventory);
        }
        RelyscanConfig configuration = config.load();
        List<Rule> rules = framework.select(RuleSelection.enabled(configuration));
        Inventory merged = SnapshotMerge.readAndMerge(inputs);
        if (saveInventory != null) {
            InventorySnapshots.write(merged, saveInventory);
            cli.out().println("Merged inventory snapshot: " + saveInventory);
        }
        ScanReport report = framework.attach(Evaluation.evaluate(merged, rules, configuration.engineSettings()));
        return new ReportPublisher(cli).publish(report, output).code();
    }
}
