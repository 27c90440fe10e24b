package io.relyscan.cli;

import io.relyscan.collectors.IamActions;
import io.relyscan.core.rule.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "iam-policy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the minimal read-only IAM policy (JSON) that 'relyscan scan' needs.",
                "The actions are the ones the collectors declare, for the services the enabled rules read: a rule "
                        + "disabled in the configuration (--config) or left out by --framework drops the actions "
                        + "only it needed. sts:GetCallerIdentity and ec2:DescribeRegions (for --all-regions) are "
                        + "always included.",
                "Without options the policy covers every rule; it is the one in the README.",
                "For 'scan --org' or '--accounts' it goes on the role assumed in each account; the caller needs "
                        + "sts:AssumeRole on those roles and, for --org, organizations:ListAccounts."},
        footer = {"", "Example: relyscan iam-policy > relyscan-policy.json && aws iam create-policy "
                + "--policy-name relyscan-read-only --policy-document file://relyscan-policy.json",
                "", "Exit codes: 0 printed, 2 usage or input error."})
final class IamPolicyCommand implements Callable<Integer> {
    private final CliEnvironment cli;

    @Mixin
    ConfigOption config;

    @Option(names = "--framework", paramLabel = "FRAMEWORK", description = "Only the actions of the rules mapped "
            + "to this framework, as 'scan --framework' would call: wa-reliability, soc2, iso27001, nist-800-53")
    String framework;

    IamPolicyCommand(CliEnvironment cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        FrameworkOption selection = new FrameworkOption();
        selection.framework = framework;
        List<Rule> rules = selection.select(RuleSelection.enabled(config.load()));
        cli.out().print(IamPolicyDocument.render(IamActions.forServices(RuleSelection.servicesFor(rules))));
        cli.out().flush();
        return ExitCode.CLEAN.code();
    }
}
