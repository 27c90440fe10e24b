package io.relyscan.cli;

import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List the built-in rule catalog: id, severity, title and control references.",
                "A control id marked * is a mapping relyscan proposes; unmarked ones come from an anchor "
                        + "(AWS Config packs, Security Hub, Steampipe, Prowler, Trusted Advisor)."})
final class RulesCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Mixin
    VerboseOption verbose;

    RulesCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<Rule> rules = RuleSelection.enabled();
        int idWidth = rules.stream().mapToInt(r -> r.metadata().id().length()).max().orElse(10);
        cli.out().printf("%-" + idWidth + "s  %-8s  %-4s  %s%n", "ID", "SEVERITY", "REF", "TITLE");
        for (Rule rule : rules) {
            RuleMetadata m = rule.metadata();
            cli.out().printf("%-" + idWidth + "s  %-8s  %-4s  %s%n", m.id(), m.severity(), m.catalogId(),
                    m.title());
            for (Framework f : Framework.values()) {
                String refs = m.controls(f).stream().map(ControlRef::label).collect(Collectors.joining(", "));
                cli.out().printf("%-" + idWidth + "s    %-15s %s%n", "", f.id(), refs);
            }
        }
        cli.out().println();
        cli.out().println(rules.size() + " rules. * = mapping proposed by relyscan, not taken from an anchor.");
        return ExitCode.CLEAN.code();
    }
}
