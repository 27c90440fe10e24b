package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.RecoveryPoint;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * R38: one rule of the plan both runs at least every {@code requiredFrequencyHours} and keeps recovery points at
 * least {@code requiredRetentionDays} (no DeleteAfterDays = kept forever). The frequency is the worst-case gap of the
 * cron/rate schedule ({@link BackupSchedule}, from the capture year, in the schedule's own time zone); continuous
 * backup meets any frequency. A rule whose schedule is missing or malformed and that would otherwise qualify
 * makes the plan ERROR unless another rule passes.
 *
 * <p>Recovery-point variant: every listed recovery point in a usable status (COMPLETED or AVAILABLE) is judged on
 * its own CalculatedLifecycle, DeleteAt minus CreationDate (no DeleteAt = kept forever); one kept less than
 * {@code requiredRetentionDays} is the catalog's WARN, one level below the rule's severity (LOW). This catches
 * on-demand backups, copies and points whose lifecycle was shortened after the fact, which the plan cannot show.
 * Continuous-backup points (their window is the plan rule's retention, judged above), members of a composite point
 * (judged through it) and points in other statuses are not applicable.
 */
public final class BackupPlanFrequencyRetentionRule implements Rule {
    static final String FREQUENCY = "requiredFrequencyHours";
    static final String RETENTION = "requiredRetentionDays";
    private static final RuleMetadata METADATA = new RuleMetadata("backup-plan-frequency-retention", "R38",
            "A backup plan rule runs often enough and keeps long enough", Severity.MEDIUM, "BackupPlan, RecoveryPoint",
            "The recovery point objective is bounded by the longest gap between backups, and corruption found late "
                    + "can only be undone while a clean recovery point is still retained; both must hold for the "
                    + "same rule, or the frequent copies expire before anyone notices.",
            "Add or change a rule so it runs at least daily (for example cron(0 5 ? * * *)) and keeps recovery "
                    + "points for at least 35 days (Lifecycle DeleteAfterDays), or enable continuous backup. Extend "
                    + "the retention of a recovery point kept too briefly (aws backup "
                    + "update-recovery-point-lifecycle).",
            Controls.of("REL09-BP03, REL13-BP01*", "A1.2, CC7.4", "A.8.13*", "CP-9, CP-10*"),
            List.of(RuleParameter.integer(FREQUENCY, 24, 1, 744, "Longest allowed gap between runs, in hours"),
                    RuleParameter.integer(RETENTION, 35, 1, "Fewest days a recovery point must be kept")),
            Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int hours = context.intParameter(FREQUENCY);
        int days = context.intParameter(RETENTION);
        int year = context.now().atZone(ZoneOffset.UTC).getYear();
        List<Finding> findings = new ArrayList<>();
        for (BackupPlan plan : context.inventory().all(BackupPlan.class)) {
            FindingBuilder f = context.on(plan).evidence(FREQUENCY, hours).evidence(RETENTION, days);
            List<String> summaries = new ArrayList<>();
            List<String> passing = new ArrayList<>();
            List<String> undecided = new ArrayList<>();
            for (BackupRule r : plan.rules()) {
                boolean keeps = r.deleteAfterDays() == null || r.deleteAfterDays() >= days;
                String kept = r.deleteAfterDays() == null ? "kept forever" : "kept " + r.deleteAfterDays() + " d";
                if (Boolean.TRUE.equals(r.continuousBackup())) {
                    summaries.add(r.ruleName() + ": continuous, " + kept);
                    if (keeps) {
                        passing.add(r.ruleName());
                    }
                    continue;
                }
                try {
                    Optional<Duration> gap = BackupSchedule.worstCaseInterval(r.scheduleExpression(), year);
                    boolean often = gap.isPresent() && gap.get().compareTo(Duration.ofHours(hours)) <= 0;
                    summaries.add(r.ruleName() + ": " + r.scheduleExpression() + zone(r) + " " + gap.map(g -> "every "
                            + describe(g) + " at worst").orElse("does not recur") + ", " + kept);
                    if (often && keeps) {
                        passing.add(r.ruleName());
                    }
                } catch (IllegalArgumentException e) {
                    summaries.add(r.ruleName() + ": schedule not understood (" + e.getMessage() + "), " + kept);
                    if (keeps) {
                        undecided.add(r.ruleName());
                    }
                }
            }
            f.evidence("Rules", summaries);
            if (!passing.isEmpty()) {
                findings.add(f.pass("rule(s) " + String.join(", ", passing) + " run at least every " + hours
                        + " h and keep recovery points at least " + days + " days"));
            } else if (!undecided.isEmpty()) {
                findings.add(f.error("cannot judge the schedule of rule(s) " + String.join(", ", undecided)
                        + "; no other rule meets both requirements"));
            } else {
                findings.add(f.fail((plan.rules().isEmpty() ? "the plan has no rules" : "no rule both runs at "
                        + "least every " + hours + " h and keeps recovery points at least " + days + " days")
                        + (summaries.isEmpty() ? "" : ": " + String.join("; ", summaries))));
            }
        }
        for (RecoveryPoint point : context.inventory().all(RecoveryPoint.class)) {
            findings.add(judge(context.on(point).evidence(RETENTION, days), point, days));
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, RecoveryPoint point, int days) {
        f.evidence("Status", point.status()).evidence("ResourceArn", point.resourceArn())
                .evidence("CreationDate", point.creationDate()).evidence("DeleteAt", point.deleteAt())
                .evidence("CreatedByPlan", point.backupPlanArn());
        if (point.parentRecoveryPointArn() != null) {
            return f.notApplicable("member of composite recovery point " + point.parentRecoveryPointArn()
                    + ", judged through it");
        }
        if (!point.isUsable()) {
            return f.notApplicable("status " + point.status() + ": not a usable recovery point");
        }
        if (point.isContinuous()) {
            return f.notApplicable("continuous backup: its retention window is the plan rule's, judged on the plan");
        }
        if (point.deleteAt() == null) {
            return f.pass("kept forever (no lifecycle deletion)");
        }
        Instant created;
        Instant deleteAt;
        try {
            if (point.creationDate() == null) {
                return f.error("no CreationDate: the retention cannot be measured");
            }
            created = Instant.parse(point.creationDate());
            deleteAt = Instant.parse(point.deleteAt());
        } catch (DateTimeParseException e) {
            return f.error("unreadable CreationDate or DeleteAt: " + e.getParsedString());
        }
        Duration kept = Duration.between(created, deleteAt);
        f.evidence("RetentionDays", kept.toDays());
        if (kept.compareTo(Duration.ofDays(days)) < 0) {
            return f.fail(METADATA.severity().lower(), "kept " + describe(kept) + " (deleted at " + point.deleteAt()
                    + "), less than " + days + " days" + (point.backupPlanArn() == null ? " (not made by a plan)"
                    : " (made by plan " + point.backupPlanArn() + ")"));
        }
        return f.pass("kept " + describe(kept) + ", at least " + days + " days");
    }

    private static String zone(BackupRule r) {
        return r.scheduleExpressionTimezone() == null ? "" : " (" + r.scheduleExpressionTimezone() + ")";
    }

    private static String describe(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 1440 == 0 ? minutes / 1440 + " d" : minutes % 60 == 0 ? minutes / 60 + " h"
                : minutes + " min";
    }
}
