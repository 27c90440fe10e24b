package io.relyscan.cli;

import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.framework.RuleMapping;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.rules.frameworks.FrameworkCatalogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List the built-in rule catalog: id, severity, title and control references.",
                "A control id marked * is a mapping relyscan proposes; unmarked ones come from an anchor "
                        + "(AWS Config packs, Security Hub, Steampipe, Prowler, Trusted Advisor).",
                "With --framework, list that framework's controls instead, each with the rules behind it; "
                        + "controls no rule covers are marked manual."})
final class RulesCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Option(names = "--framework", paramLabel = "FRAMEWORK", description = "List this framework's controls, "
            + "each with the rules behind it or 'manual': wa-reliability, soc2, iso27001, nist-800-53")
    String framework;

    @Mixin
    VerboseOption verbose;

    RulesCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        List<Rule> rules = RuleSelection.enabled();
        Optional<Framework> chosen = Optional.ofNullable(framework).map(FrameworkOption::parse);
        if (chosen.isPresent()) {
            return controls(chosen.get(), rules);
        }
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

    /** Each control of the framework, with the rules behind it or "manual". */
    private Integer controls(Framework f, List<Rule> rules) {
        FrameworkView view = FrameworkView.mapping(FrameworkCatalogs.of(f), rules.stream().map(Rule::metadata)
                .toList());
        Map<String, RuleMetadata> byId = rules.stream().map(Rule::metadata)
                .collect(Collectors.toMap(RuleMetadata::id, m -> m));
        long manual = view.controls().stream().filter(ControlView::manual).count();
        cli.out().println(f.title() + " (" + f.id() + "): " + view.controls().size() + " controls, "
                + (view.controls().size() - manual) + " with automated rules, " + manual + " manual");
        int idWidth = view.controls().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        int ruleWidth = view.controls().stream().flatMap(c -> c.rules().stream())
                .mapToInt(m -> m.label().length()).max().orElse(10);
        String indent = " ".repeat(idWidth + 2);
        for (ControlView c : view.controls()) {
            cli.out().println();
            cli.out().printf("%-" + idWidth + "s  %s%n", c.id(), c.title());
            if (c.manual()) {
                cli.out().println(indent + "manual: no automated rule");
            }
            for (RuleMapping m : c.rules()) {
                RuleMetadata meta = byId.get(m.ruleId());
                cli.out().printf("%s%-" + ruleWidth + "s  %-8s  %s%n", indent, m.label(), meta.severity(),
                        meta.catalogId());
            }
        }
        cli.out().println();
        cli.out().println("* = mapping proposed by relyscan, not taken from an anchor. Manual controls need evidence "
                + "from outside relyscan.");
        return ExitCode.CLEAN.code();
    }
}
