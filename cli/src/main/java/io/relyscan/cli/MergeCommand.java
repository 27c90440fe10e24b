package io.relyscan.cli;

import io.relyscan.cli.config.RelyscanConfig;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Rule;
import io.relyscan.report.snapshot.InventorySnapshots;
import io.relyscan.report.snapshot.ShardInputs;
import io.relyscan.report.snapshot.SnapshotMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge the results of the shards of a distributed run ('relyscan scan --shard K/N') into "
                + "one report, with no AWS access. The inputs are either all inventory snapshots or all JSON "
                + "scan reports, told apart by their \"kind\" field; a mix is refused.",
                "Inventory snapshots ('scan --save-inventory FILE') are merged into one inventory and evaluated "
                        + "here like 'relyscan evaluate', with this release's rules and --config: their rule catalog "
                        + "is the merge's own, so it cannot differ. Snapshots of another snapshot schema version are "
                        + "refused.",
                "JSON scan reports (the relyscan-report.json each shard writes) were evaluated by the shards: "
                        + "their findings are combined as they are. Each report records its rule catalog version "
                        + "(\"catalog\": the relyscan version and a SHA-256 digest of the rules, severities, "
                        + "parameters and tier-1 tag in effect); reports with different catalog versions are "
                        + "refused. --config and --save-inventory apply to snapshots only; --framework regroups "
                        + "the merged findings by another framework's controls; --waivers applies the waivers to "
                        + "the merged findings, unless the shards applied waivers already (refused: waivers are "
                        + "applied once).",
                "Inputs must not overlap: the same account and region, resource or finding in two inputs is "
                        + "refused. The merged result is captured at the earliest input's capture time and does "
                        + "not depend on the order of the inputs."},
        footer = {"", "Exit codes: 0 clean, 1 failing findings at or above --fail-on "
                + "(with --baseline: NEW failing findings only), 2 usage or input error "
                + "(an invalid input, mixed kinds, overlapping shards, different catalog versions; nothing is "
                + "written), 3 the merged result is incomplete: an input records a collection gap or ERROR findings "
                + "(when several apply, 2 wins over 3, and 3 over 1)."})
final class MergeCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Inventory snapshots or JSON scan reports to merge, one per shard")
    List<Path> inputs;

    @Option(names = "--save-inventory", paramLabel = "FILE",
            description = "Also write the merged inventory as a JSON snapshot, for 'relyscan evaluate' later "
                    + "(inventory snapshots only)")
    Path saveInventory;

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

    MergeCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        output.validate();
        waivers.load();
        baseline.load();
        if (saveInventory != null) {
            OutputOptions.checkWritableFile("--save-inventory", saveInventory);
        }
        if (ShardInputs.kindOf(inputs) == ShardInputs.Kind.SCAN_REPORT) {
            return mergeReports();
        }
        RelyscanConfig configuration = config.load();
        List<Rule> rules = framework.select(RuleSelection.enabled(configuration));
        Inventory merged = SnapshotMerge.readAndMerge(inputs);
        if (saveInventory != null) {
            InventorySnapshots.write(merged, saveInventory);
            cli.out().println("Merged inventory snapshot: " + saveInventory);
        }
        ScanReport report = baseline.compare(framework.attach(waivers.apply(Evaluation.evaluate(merged, rules,
                configuration.engineSettings()))), cli.err());
        return new ReportPublisher(cli).publish(report, output).code();
    }

    /** Scan reports: their findings were decided by the shards, so they are combined, never re-evaluated. */
    private int mergeReports() {
        if (saveInventory != null) {
            throw new InputException("--save-inventory: the inputs are scan reports, which hold no inventory; "
                    + "merge the shards' inventory snapshots (scan --save-inventory) to save a merged one");
        }
        if (config.file != null) {
            throw new InputException("--config: the inputs are scan reports, evaluated by the shards with the "
                    + "configuration recorded in their rule catalog version; --config applies to inventory "
                    + "snapshots only");
        }
        framework.chosen();
        ScanReport report = baseline.compare(framework.attach(waivers.apply(
                ShardInputs.readAndMergeReports(inputs))), cli.err());
        return new ReportPublisher(cli).publish(report, output).code();
    }
}
