package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R37: a backup plan protects something. No rules or no selections (same account, region and plan id) fails.
 * A rule without DeleteAfterDays (recovery points kept forever) or with AWS's default CompletionWindowMinutes
 * (10080: a stuck job runs for a week before anyone hears of it) is a WARN. A rule whose completion window AWS did
 * not report cannot be judged: ERROR.
 */
public final class BackupPlanEffectiveRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("backup-plan-effective", "R37",
            "Backup plans have rules and selections", Severity.HIGH, "BackupPlan",
            "A plan with no rule never starts a job and a plan with no selection backs nothing up, yet both look "
                    + "like protection in the console. Rules that keep recovery points forever grow cost without "
                    + "bound, and the default seven-day completion window hides stuck jobs for a week.",
            "Give the plan at least one rule and one resource assignment; set a lifecycle (DeleteAfterDays) on "
                    + "every rule and a completion window that fits the backup (for example a few hours).",
            Controls.of("REL09-BP03", "A1.2*", "A.8.13*", "CP-9*"), List.of(), Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, List<String>> selections = new HashMap<>();
        for (BackupSelection s : context.inventory().all(BackupSelection.class)) {
            selections.computeIfAbsent(s.scope() + "/" + s.planId(), k -> new ArrayList<>()).add(s.displayName());
        }
        List<Finding> findings = new ArrayList<>();
        for (BackupPlan plan : context.inventory().all(BackupPlan.class)) {
            List<String> assigned = selections.getOrDefault(plan.scope() + "/" + plan.planId(), List.of()).stream()
                    .sorted().toList();
            FindingBuilder f = context.on(plan).evidence("Rules", plan.rules().stream().map(BackupRule::ruleName)
                    .toList()).evidence("Selections", assigned);
            findings.add(judge(f, plan, assigned));
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, BackupPlan plan, List<String> assigned) {
        if (plan.rules().isEmpty() || assigned.isEmpty()) {
            return f.fail("the plan protects nothing: " + (plan.rules().isEmpty() ? "it has no rules" : "")
                    + (plan.rules().isEmpty() && assigned.isEmpty() ? " and " : "")
                    + (assigned.isEmpty() ? "no backup selection assigns resources to it" : ""));
        }
        List<String> forever = new ArrayList<>();
        List<String> defaultWindow = new ArrayList<>();
        List<String> unknownWindow = new ArrayList<>();
        for (BackupRule r : plan.rules()) {
            if (r.deleteAfterDays() == null) {
                forever.add(r.ruleName());
            }
            if (r.completionWindowMinutes() == null) {
                unknownWindow.add(r.ruleName());
            } else if (r.completionWindowMinutes() == BackupRule.DEFAULT_COMPLETION_WINDOW_MINUTES) {
                defaultWindow.add(r.ruleName());
            }
        }
        f.evidence("RulesWithoutLifecycle", forever).evidence("RulesWithDefaultCompletionWindow", defaultWindow)
                .evidence("CompletionWindowMinutes", plan.rules().stream().map(r -> r.ruleName() + "="
                        + r.completionWindowMinutes()).toList());
        List<String> problems = new ArrayList<>();
        if (!forever.isEmpty()) {
            problems.add("rule(s) " + String.join(", ", forever) + " have no lifecycle (recovery points kept "
                    + "forever)");
        }
        if (!defaultWindow.isEmpty()) {
            problems.add("rule(s) " + String.join(", ", defaultWindow) + " keep the default completion window of "
                    + BackupRule.DEFAULT_COMPLETION_WINDOW_MINUTES + " minutes (7 days)");
        }
        if (!problems.isEmpty()) {
            return f.fail(METADATA.severity().lower(), String.join("; ", problems));
        }
        if (!unknownWindow.isEmpty()) {
            return f.error("CompletionWindowMinutes not reported for rule(s) " + String.join(", ", unknownWindow));
        }
        return f.pass(plan.rules().size() + " rule(s) with lifecycles and completion windows, "
                + assigned.size() + " selection(s): " + String.join(", ", assigned));
    }
}
