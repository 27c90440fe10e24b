package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupJob;
import io.relyscan.core.inventory.ProtectedResource;
import io.relyscan.core.inventory.Resource;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * R42: no backup or copy job of the last {@code lookbackDays} ended FAILED, ABORTED or EXPIRED without a later
 * COMPLETED job of the same kind for the same resource. One finding per resource that had jobs in the window
 * (PASS when every failure was followed by a success), on the resource's own record when the inventory has it,
 * else on the region's ProtectedResource record of it, else on a pseudo-resource of its region; a region with no job in the
 * window gets one NOT_APPLICABLE finding. An unresolved failure of a tier-1 resource fails at HIGH (which the engine
 * then escalates like every tier-1 failure); of any other resource, or one whose tags are unknown, it is the
 * catalog's WARN, one level lower (MEDIUM), as other rules map their WARN cases. Jobs are collected for a fixed
 * {@value #COLLECTED_DAYS}-day look-back, which bounds the parameter. Only AWS Backup is an input: a resource
 * missing from an incomplete EC2 or RDS collection is judged as one of unknown tier (WARN), and says so.
 */
public final class BackupJobFailuresRule implements Rule {
    static final String LOOKBACK = "lookbackDays";
    /** Days of jobs the collector lists (ByCreatedAfter); keep in step with BackupCollector.JOB_LOOKBACK. */
    static final int COLLECTED_DAYS = 14;
    static final Set<String> FAILED_STATES = Set.of("FAILED", "ABORTED", "EXPIRED");
    private static final RuleMetadata METADATA = new RuleMetadata("backup-job-failures", "R42",
            "Failed backup and copy jobs were followed by a successful one", Severity.HIGH,
            "Backed-up resource (its own type, else ProtectedResource or BackupJobResource), Region",
            "A failed backup or copy job leaves a gap in the recovery points; when no later job of the same kind "
                    + "completed, the gap is still open and the recovery point objective is already missed.",
            "Read the job's StatusMessage (aws backup describe-backup-job / describe-copy-job), fix the cause "
                    + "(IAM role, KMS key policy, resource state, vault access policy, start window), then run "
                    + "an on-demand backup or copy.",
            Controls.of("REL09-BP03, REL06-BP03*", "A1.2*, CC7.4*", "A.8.13*", "CP-9*, SI-4*"),
            List.of(RuleParameter.integer(LOOKBACK, 7, 1, COLLECTED_DAYS,
                    "Days of backup and copy jobs to look back over")),
            Set.of(AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int days = context.intParameter(LOOKBACK);
        Instant from = context.now().minus(Duration.ofDays(days));
        Map<String, Resource> resources = new HashMap<>();
        for (Resource r : context.inventory().resources()) {
            if (r.service() != AwsService.BACKUP) {
                resources.putIfAbsent(r.arn(), r);
            }
        }
        Map<String, ProtectedResource> protectedResources = new HashMap<>();
        context.inventory().all(ProtectedResource.class)
                .forEach(p -> protectedResources.put(p.scope() + "|" + p.resourceArn(), p));
        // Per scope, per resource ARN: its jobs in the window (or with an unreadable creation date).
        Map<ScanScope, Map<String, List<BackupJob>>> byScope = new TreeMap<>();
        for (BackupJob job : context.inventory().all(BackupJob.class)) {
            Instant created = Timestamps.parseOrNull(job.creationDate());
            if (created != null && created.isBefore(from)) {
                continue;
            }
            byScope.computeIfAbsent(job.scope(), k -> new TreeMap<>())
                    .computeIfAbsent(job.resourceArn() == null ? "" : job.resourceArn(), k -> new ArrayList<>())
                    .add(job);
        }
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : context.inventory().scopes()) {
            Map<String, List<BackupJob>> jobs = byScope.getOrDefault(scope, Map.of());
            if (jobs.isEmpty()) {
                findings.add(context.on(scope).evidence(LOOKBACK, days).notApplicable("no backup or copy job in the "
                        + "last " + days + " day(s)"));
                continue;
            }
            jobs.forEach((arn, list) -> findings.add(judge(context, subject(context, scope, arn, resources,
                    protectedResources), arn, list, days, resources.get(arn))));
        }
        return findings;
    }

    private static FindingBuilder subject(RuleContext context, ScanScope scope, String arn,
                                          Map<String, Resource> resources, Map<String, ProtectedResource> protectedResources) {
        Resource own = resources.get(arn);
        if (own != null) {
            return context.on(own);
        }
        ProtectedResource p = protectedResources.get(scope + "|" + arn);
        if (p != null) {
            return context.on(p);
        }
        return context.on(scope, "BackupJobResource", arn.isEmpty() ? "(no resource ARN)" : arn);
    }

    private static Finding judge(RuleContext context, FindingBuilder f, String arn, List<BackupJob> jobs, int days,
                                 Resource resource) {
        boolean tier1 = resource != null && context.isTier1(resource);
        f.evidence(LOOKBACK, days).evidence("ResourceArn", arn).evidence("Tier1", tier1)
                .evidence("InInventory", resource != null);
        List<String> open = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        Set<String> undated = new HashSet<>();
        for (BackupJob.Kind kind : BackupJob.Kind.values()) {
            BackupJob lastFailure = null;
            Instant lastFailureAt = null;
            Instant lastSuccessAt = null;
            int count = 0;
            for (BackupJob j : jobs) {
                if (j.kind() != kind) {
                    continue;
                }
                count++;
                Instant at = Timestamps.parseOrNull(j.creationDate());
                if (at == null) {
                    undated.add(j.jobId());
                    continue;
                }
                if (FAILED_STATES.contains(j.state()) && (lastFailureAt == null || at.isAfter(lastFailureAt))) {
                    lastFailure = j;
                    lastFailureAt = at;
                } else if ("COMPLETED".equals(j.state()) && (lastSuccessAt == null || at.isAfter(lastSuccessAt))) {
                    lastSuccessAt = at;
                }
            }
            if (count == 0) {
                continue;
            }
            String name = kind == BackupJob.Kind.BACKUP ? "backup" : "copy";
            summaries.add(count + " " + name + " job(s)" + (lastFailure == null ? ", none failed"
                    : ", last failure " + lastFailure.jobId() + " " + lastFailure.state() + " created "
                    + lastFailure.creationDate()) + (lastSuccessAt == null ? ", none completed"
                    : ", last completed created " + lastSuccessAt));
            if (lastFailure != null && (lastSuccessAt == null || !lastSuccessAt.isAfter(lastFailureAt))) {
                open.add(name + " job " + lastFailure.jobId() + " " + lastFailure.state() + " (created "
                        + lastFailure.creationDate() + (lastFailure.statusMessage() == null ? ""
                        : ": " + lastFailure.statusMessage()) + ")");
            }
        }
        f.evidence("Jobs", summaries);
        if (!undated.isEmpty()) {
            f.evidence("JobsWithoutCreationDate", undated.stream().sorted().toList());
        }
        if (!open.isEmpty()) {
            String message = "no later completed job after " + String.join("; ", open);
            return tier1 ? f.fail(message) : f.fail(METADATA.severity().lower(), message + (resource == null
                    ? " (resource not in the inventory: its tier is unknown)" : ""));
        }
        if (!undated.isEmpty()) {
            return f.error("job(s) without a creation date cannot be ordered: "
                    + String.join(", ", undated.stream().sorted().toList()));
        }
        return f.pass("every backup and copy job failure of the last " + days + " day(s) was followed by a "
                + "completed job of the same kind" + (summaries.isEmpty() ? "" : ": " + String.join("; ", summaries)));
    }

}
