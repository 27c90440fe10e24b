package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.RestoreJob;
import io.relyscan.core.inventory.RestoreTestingPlan;
import io.relyscan.core.inventory.RestoreTestingSelection;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * R46, per region and AWS Backup resource type of the region's tier-1 resources: restores are tested and meet the
 * RTO. WARN when no restore testing plan selects the type, when no restore job of the type finished within
 * {@code maxRestoreAgeDays}, or when the latest finished one failed or was aborted. FAIL when the latest completed
 * restore ran longer than {@code maxRestoreTime} minutes: LatestRestoreExecutionTimeMinutes is computed as
 * CompletionDate minus CreationDate of that job (ListRestoreJobs has no execution-time field). Restore jobs of any
 * origin count (testing plan or manual); running jobs are ignored. The collector lists jobs of the last
 * {@link RestoreJob#LOOK_BACK_DAYS} days, which bounds {@code maxRestoreAgeDays}. When nothing in the inventory is
 * tier-1, every backup-capable resource type present in the region is judged, one severity level lower.
 */
public final class BackupRestoreTestingRule implements Rule {
    static final String MAX_AGE = "maxRestoreAgeDays";
    static final String MAX_TIME = "maxRestoreTime";
    private static final Set<String> FAILED = Set.of("FAILED", "ABORTED");
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "ABORTED");
    private static final RuleMetadata METADATA = new RuleMetadata("backup-restore-testing", "R46",
            "Restores of tier-1 resource types are tested and meet the RTO", Severity.MEDIUM,
            "Region / tier-1 resource types",
            "A backup is only as good as the last restore that worked: untested restores fail on missing "
                    + "permissions, keys or parameter groups exactly when they are needed, and a restore slower "
                    + "than the recovery time objective misses it even when it succeeds.",
            "Create an AWS Backup restore testing plan (aws backup create-restore-testing-plan) with a selection "
                    + "for each tier-1 resource type, fix failing restore jobs, and shorten restores that exceed "
                    + "the RTO (smaller or incremental recovery points, faster storage, a warm standby).",
            Controls.of("REL09-BP04, REL13-BP03*", "A1.3*", "A.5.30*, A.8.13*", "CP-4*, CP-9(1)*, CP-10*"),
            List.of(RuleParameter.integer(MAX_AGE, 90, 1, RestoreJob.LOOK_BACK_DAYS,
                            "Most days since the latest finished restore job of a type"),
                    RuleParameter.integer(MAX_TIME, 240, 1, "Recovery time objective: most minutes a restore "
                            + "may run (LatestRestoreExecutionTimeMinutes)")),
            Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, Set<String>> tier1Types = new HashMap<>();
        Map<ScanScope, Set<String>> allTypes = new HashMap<>();
        for (Resource r : context.inventory().resources()) {
            String type = r.service() == AwsService.BACKUP ? null : BackupResourceTypes.of(r);
            if (type != null) {
                allTypes.computeIfAbsent(r.scope(), k -> new TreeSet<>()).add(type);
                if (context.isTier1(r)) {
                    tier1Types.computeIfAbsent(r.scope(), k -> new TreeSet<>()).add(type);
                }
            }
        }
        boolean anyTier1 = !tier1Types.isEmpty();
        Map<ScanScope, Map<String, List<String>>> plansByType = new HashMap<>();
        for (RestoreTestingPlan plan : context.inventory().all(RestoreTestingPlan.class)) {
            for (RestoreTestingSelection s : plan.selections()) {
                if (s.protectedResourceType() != null) {
                    plansByType.computeIfAbsent(plan.scope(), k -> new HashMap<>())
                            .computeIfAbsent(s.protectedResourceType(), k -> new ArrayList<>())
                            .add(plan.name() + "/" + s.name());
                }
            }
        }
        Map<ScanScope, Map<String, List<RestoreJob>>> jobsByType = new HashMap<>();
        for (RestoreJob job : context.inventory().all(RestoreJob.class)) {
            if (job.resourceType() != null) {
                jobsByType.computeIfAbsent(job.scope(), k -> new HashMap<>())
                        .computeIfAbsent(job.resourceType(), k -> new ArrayList<>()).add(job);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : context.inventory().scopes()) {
            Set<String> types = (anyTier1 ? tier1Types : allTypes).getOrDefault(scope, Set.of());
            if (types.isEmpty()) {
                findings.add(context.on(scope).notApplicable(anyTier1 ? "no tier-1 resource of a type AWS Backup "
                        + "restores in this region" : "no resource of a type AWS Backup restores in this region"));
                continue;
            }
            for (String type : types) {
                FindingBuilder f = context.on(scope, "BackupResourceType", type).evidence("ResourceType", type)
                        .evidence("Tier1", anyTier1);
                findings.add(judge(context, f, plansByType.getOrDefault(scope, Map.of()).getOrDefault(type,
                        List.of()), jobsByType.getOrDefault(scope, Map.of()).getOrDefault(type, List.of()),
                        anyTier1));
            }
        }
        return findings;
    }

    private static Finding judge(RuleContext context, FindingBuilder f, List<String> plans, List<RestoreJob> jobs,
                                 boolean anyTier1) {
        int maxAge = context.intParameter(MAX_AGE);
        int maxTime = context.intParameter(MAX_TIME);
        TreeMap<Instant, RestoreJob> finished = new TreeMap<>();
        TreeMap<Instant, RestoreJob> completed = new TreeMap<>();
        for (RestoreJob job : jobs) {
            if (job.status() != null && FINISHED.contains(job.status())) {
                Instant created = Timestamps.parseOrNull(job.creationDate());
                if (created == null) {
                    return f.evidence("RestoreJobId", job.restoreJobId()).evidence("CreationDate", job.creationDate())
                            .error("restore job " + job.restoreJobId() + " has no readable CreationDate");
                }
                finished.merge(created, job, (a, b) -> a.restoreJobId().compareTo(b.restoreJobId()) > 0 ? a : b);
                if ("COMPLETED".equals(job.status())) {
                    completed.merge(created, job, (a, b) -> a.restoreJobId().compareTo(b.restoreJobId()) > 0 ? a : b);
                }
            }
        }
        f.evidence("RestoreTestingSelections", plans).evidence(MAX_AGE, maxAge).evidence(MAX_TIME, maxTime);
        List<String> warns = new ArrayList<>();
        List<String> fails = new ArrayList<>();
        if (plans.isEmpty()) {
            warns.add("no restore testing plan selects it");
        }
        if (finished.isEmpty()) {
            warns.add("no finished restore job in the last " + RestoreJob.LOOK_BACK_DAYS + " days");
        } else {
            RestoreJob latest = finished.lastEntry().getValue();
            Instant created = finished.lastKey();
            long days = Duration.between(created, context.now()).toDays();
            f.evidence("LatestRestoreJobId", latest.restoreJobId()).evidence("LatestRestoreJobStatus", latest.status())
                    .evidence("LatestRestoreJobCreationDate", latest.creationDate())
                    .evidence("LatestRestoreJobStatusMessage", latest.statusMessage())
                    .evidence("LatestRestoreJobRestoreTestingPlanArn", latest.restoreTestingPlanArn());
            if (days > maxAge) {
                warns.add("the latest restore job ran " + days + " days ago, more than " + maxAge);
            }
            if (FAILED.contains(latest.status())) {
                warns.add("the latest restore job " + latest.restoreJobId() + " " + latest.status()
                        + (latest.statusMessage() == null ? "" : " (" + latest.statusMessage() + ")"));
            }
        }
        if (!completed.isEmpty()) {
            RestoreJob latest = completed.lastEntry().getValue();
            Instant done = Timestamps.parseOrNull(latest.completionDate());
            if (done == null) {
                return f.error("completed restore job " + latest.restoreJobId() + " has no readable CompletionDate");
            }
            long minutes = Duration.between(completed.lastKey(), done).toMinutes();
            f.evidence("LatestCompletedRestoreJobId", latest.restoreJobId())
                    .evidence("LatestRestoreExecutionTimeMinutes", minutes);
            if (minutes > maxTime) {
                fails.add("the latest completed restore (" + latest.restoreJobId() + ") took " + minutes
                        + " minutes, more than the " + maxTime + "-minute RTO");
            }
        }
        Severity base = anyTier1 ? METADATA.severity() : METADATA.severity().lower();
        if (!fails.isEmpty()) {
            fails.addAll(warns);
            return f.fail(base, String.join("; ", fails));
        }
        if (!warns.isEmpty()) {
            return f.fail(base.lower(), String.join("; ", warns));
        }
        return f.pass("tested by " + String.join(", ", plans) + "; latest restore "
                + finished.lastEntry().getValue().restoreJobId() + " completed within the RTO");
    }

}
