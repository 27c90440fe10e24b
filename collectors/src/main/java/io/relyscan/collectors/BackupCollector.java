package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupJob;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRegionSettings;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.BackupVaultAccessPolicy;
import io.relyscan.core.inventory.ProtectedResource;
import io.relyscan.core.inventory.RecoveryPoint;
import io.relyscan.core.inventory.RestoreJob;
import io.relyscan.core.inventory.RestoreTestingPlan;
import io.relyscan.core.inventory.RestoreTestingSelection;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TagCondition;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupSelectionsListMember;
import software.amazon.awssdk.services.backup.model.ConditionParameter;
import software.amazon.awssdk.services.backup.model.Conditions;
import software.amazon.awssdk.services.backup.model.CopyAction;
import software.amazon.awssdk.services.backup.model.GetBackupPlanResponse;
import software.amazon.awssdk.services.backup.model.GetBackupSelectionResponse;
import software.amazon.awssdk.services.backup.model.ResourceNotFoundException;
import software.amazon.awssdk.services.backup.model.RestoreTestingPlanForList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AWS Backup plans (with their rules), their resource selections, and vaults. Plan details and selections have
 * no bulk API: one GetBackupPlan and one ListBackupSelections per plan, one GetBackupSelection per selection. A
 * failure of any of these is a gap, never a silently empty list: "no selection" and "could not read the
 * selections" must not look alike.
 *
 * <p>Recovery state: ListProtectedResources, the recovery points of every listed vault, and the backup and copy
 * jobs created in the last {@link #JOB_LOOKBACK} (14 days; R42's look-back parameter cannot exceed it). Recovery
 * points are listed per vault (ListRecoveryPointsByBackupVault), not per resource: an account has far fewer
 * vaults than protected resources, so that is one paged call per vault instead of one per resource, and it also
 * finds points of resources the scan did not collect. A vault whose points cannot be listed is a gap.
 *
 * <p>The per-plan, per-selection, per-vault and per-restore-testing-plan calls are independent of each other and
 * run concurrently ({@link FanOut}), each step over all its items; what they return is added in the same order as
 * one-by-one calls would add it.
 *
 * <p>Tag condition keys are kept as AWS returns them: ListOfTags keys are usually plain tag keys, Conditions keys
 * carry the {@code aws:ResourceTag/} prefix.
 */
public final class BackupCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("backup:DescribeRegionSettings", "backup:GetBackupPlan",
            "backup:GetBackupSelection", "backup:GetBackupVaultAccessPolicy", "backup:ListBackupJobs",
            "backup:ListBackupPlans", "backup:ListBackupSelections", "backup:ListBackupVaults", "backup:ListCopyJobs",
            "backup:ListProtectedResources", "backup:ListRecoveryPointsByBackupVault", "backup:ListRestoreJobs",
            "backup:ListRestoreTestingPlans", "backup:ListRestoreTestingSelections");
    private static final int PAGE_SIZE = 1000;

    /** How far back backup and copy jobs are listed (ByCreatedAfter). */
    static final Duration JOB_LOOKBACK = Duration.ofDays(14);
    private final Clock clock;

    BackupCollector(AwsClientFactory clients, ResilientCaller caller) {
        this(clients, caller, Clock.systemUTC());
    }

    BackupCollector(AwsClientFactory clients, ResilientCaller caller, Clock clock) {
        super(clients, caller, AwsService.BACKUP, IAM_ACTIONS);
        this.clock = clock;
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        BackupClient backup = clients.backup(scope.region());
        List<BackupPlansListMember> plans = new ArrayList<>();
        Listings listings = listings(sink);
        List<String> vaultNames = new ArrayList<>();
        listings.add(out -> pages(key, "ListBackupPlans", backup.listBackupPlansPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> plans.addAll(page.backupPlansList())));
        listings.add(out -> pages(key, "ListBackupVaults",
                backup.listBackupVaultsPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> page.backupVaultList().forEach(v -> {
                    vaultNames.add(v.backupVaultName());
                    out.add(new BackupVault(v.backupVaultArn(), scope.account(), scope.region(),
                            v.backupVaultName(), v.locked(), v.minRetentionDays(), v.maxRetentionDays(),
                            v.numberOfRecoveryPoints(), v.vaultTypeAsString(),
                            v.lockDate() == null ? null : v.lockDate().toString(), Map.of()));
                })));
        listings.add(out -> protectedResources(scope, key, backup, out));
        Instant jobsAfter = clock.instant().minus(JOB_LOOKBACK);
        listings.add(out -> backupJobs(scope, key, backup, jobsAfter, out));
        listings.add(out -> copyJobs(scope, key, backup, jobsAfter, out));
        listings.add(out -> regionSettings(scope, key, backup, out));
        List<RestoreTestingPlanForList> restoreTestingPlans = new ArrayList<>();
        listings.add(out -> pages(key, "ListRestoreTestingPlans", backup.listRestoreTestingPlansPaginator(
                b -> b.maxResults(PAGE_SIZE)), page -> restoreTestingPlans.addAll(page.restoreTestingPlans())));
        Instant restoresAfter = clock.instant().minus(Duration.ofDays(RestoreJob.LOOK_BACK_DAYS));
        listings.add(out -> restoreJobs(scope, key, backup, restoresAfter, out));
        listings.runQueued();
        listings.settle();

        ResourceGaps gaps = new ResourceGaps();
        recoveryPoints(scope, key, backup, vaultNames, sink, gaps);
        accessPolicies(scope, key, backup, vaultNames, sink, gaps);
        restoreTestingSelections(scope, key, backup, restoreTestingPlans, sink, gaps);
        plansWithSelections(scope, key, backup, plans, sink, gaps);
        gaps.flush(sink);
    }

    /** What one plan's own calls returned: its details and its listed selections, each null when failed. */
    private record PlanRead(BackupPlan plan, List<BackupSelectionsListMember> selections) {
    }

    private record ListedSelection(BackupPlansListMember plan, BackupSelectionsListMember selection) {
    }

    /**
     * GetBackupPlan and ListBackupSelections of every plan, then GetBackupSelection of every selection listed, each
     * step concurrently over its items; added as plan, then its selections, plan after plan.
     */
    private void plansWithSelections(ScanScope scope, EndpointKey key, BackupClient backup,
                                     List<BackupPlansListMember> plans, CollectionSink sink, ResourceGaps gaps) {
        List<PlanRead> read = perResource(plans, gaps, (plan, planGaps) -> {
            BackupPlan detail = null;
            try {
                GetBackupPlanResponse response = call(key, "GetBackupPlan", () -> backup.getBackupPlan(b -> {
                    b.backupPlanId(plan.backupPlanId());
                    if (plan.versionId() != null) {
                        b.versionId(plan.versionId());
                    }
                }));
                detail = plan(scope, plan, response);
            } catch (CollectionException e) {
                planGaps.failed(plan.backupPlanArn(), e);
            }
            return new PlanRead(detail, listSelections(key, backup, plan, planGaps));
        });
        List<ListedSelection> listed = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            BackupPlansListMember plan = plans.get(i);
            List<BackupSelectionsListMember> selections = read.get(i).selections();
            if (selections != null) {
                selections.forEach(s -> listed.add(new ListedSelection(plan, s)));
            }
        }
        List<BackupSelection> details = perResource(listed, gaps, (l, selectionGaps) -> {
            try {
                GetBackupSelectionResponse detail = call(key, "GetBackupSelection", () -> backup.getBackupSelection(
                        b -> b.backupPlanId(l.plan().backupPlanId()).selectionId(l.selection().selectionId())));
                return selection(scope, l.plan(), l.selection(), detail);
            } catch (CollectionException e) {
                selectionGaps.failed(l.plan().backupPlanArn() + "/selection/" + l.selection().selectionId(), e);
                return null;
            }
        });
        int next = 0;
        for (PlanRead r : read) {
            if (r.plan() != null) {
                sink.add(r.plan());
            }
            for (int n = r.selections() == null ? 0 : r.selections().size(); n > 0; n--) {
                BackupSelection detail = details.get(next++);
                if (detail != null) {
                    sink.add(detail);
                }
            }
        }
    }

    /** One plan's selections, listed; null (and a gap) when they cannot be read. */
    private List<BackupSelectionsListMember> listSelections(EndpointKey key, BackupClient backup,
                                                            BackupPlansListMember plan, ResourceGaps gaps) {
        List<BackupSelectionsListMember> listed = new ArrayList<>();
        try {
            pages(key, "ListBackupSelections", backup.listBackupSelectionsPaginator(b -> b
                    .backupPlanId(plan.backupPlanId()).maxResults(PAGE_SIZE)),
                    page -> listed.addAll(page.backupSelectionsList()));
            return listed;
        } catch (CollectionException e) {
            gaps.failed(plan.backupPlanArn(), e);
            return null;
        }
    }

    private void protectedResources(ScanScope scope, EndpointKey key, BackupClient backup, CollectionSink sink) {
        pages(key, "ListProtectedResources", backup.listProtectedResourcesPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> page.results().stream().filter(r -> r.resourceArn() != null).forEach(r -> sink.add(
                        new ProtectedResource(scope.account(), scope.region(), r.resourceArn(), r.resourceType(),
                                r.resourceName(), iso(r.lastBackupTime()), r.lastBackupVaultArn(),
                                r.lastRecoveryPointArn()))));
    }

    /** One paged listing per vault; a vault that cannot be listed is a gap, its earlier pages are kept. */
    private void recoveryPoints(ScanScope scope, EndpointKey key, BackupClient backup, List<String> vaultNames,
                                CollectionSink sink, ResourceGaps gaps) {
        perResource(vaultNames, gaps, (vault, vaultGaps) -> {
            List<RecoveryPoint> points = new ArrayList<>();
            try {
                pages(key, "ListRecoveryPointsByBackupVault", backup.listRecoveryPointsByBackupVaultPaginator(
                        b -> b.backupVaultName(vault).maxResults(PAGE_SIZE)),
                        page -> page.recoveryPoints().stream().filter(p -> p.recoveryPointArn() != null)
                                .forEach(p -> points.add(new RecoveryPoint(p.recoveryPointArn(), scope.account(),
                                        scope.region(), vault, p.resourceArn(), p.resourceType(),
                                        p.statusAsString(), iso(p.creationDate()), iso(p.completionDate()),
                                        p.calculatedLifecycle() == null ? null
                                                : iso(p.calculatedLifecycle().deleteAt()),
                                        p.createdBy() == null ? null : p.createdBy().backupPlanArn(),
                                        p.isParent(), p.parentRecoveryPointArn()))));
            } catch (CollectionException e) {
                vaultGaps.failed("arn:aws:backup:" + scope.region() + ":" + scope.account() + ":backup-vault:"
                        + vault, e);
            }
            return points;
        }).forEach(points -> points.forEach(sink::add));
    }

    private void backupJobs(ScanScope scope, EndpointKey key, BackupClient backup, Instant after,
                            CollectionSink sink) {
        pages(key, "ListBackupJobs", backup.listBackupJobsPaginator(b -> b.byCreatedAfter(after)
                        .maxResults(PAGE_SIZE)),
                page -> page.backupJobs().stream().filter(j -> j.backupJobId() != null).forEach(j -> sink.add(
                        new BackupJob(scope.account(), scope.region(), BackupJob.Kind.BACKUP, j.backupJobId(),
                                j.resourceArn(), j.resourceType(), j.stateAsString(), iso(j.creationDate()),
                                iso(j.completionDate()), blankToNull(j.statusMessage()), j.backupVaultArn()))));
    }

    private void copyJobs(ScanScope scope, EndpointKey key, BackupClient backup, Instant after,
                          CollectionSink sink) {
        pages(key, "ListCopyJobs", backup.listCopyJobsPaginator(b -> b.byCreatedAfter(after).maxResults(PAGE_SIZE)),
                page -> page.copyJobs().stream().filter(j -> j.copyJobId() != null).forEach(j -> sink.add(
                        new BackupJob(scope.account(), scope.region(), BackupJob.Kind.COPY, j.copyJobId(),
                                j.resourceArn(), j.resourceType(), j.stateAsString(), iso(j.creationDate()),
                                iso(j.completionDate()), blankToNull(j.statusMessage()),
                                j.destinationBackupVaultArn()))));
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static BackupPlan plan(ScanScope scope, BackupPlansListMember listed, GetBackupPlanResponse detail) {
        List<BackupRule> rules = new ArrayList<>();
        String name = listed.backupPlanName();
        if (detail.backupPlan() != null) {
            if (detail.backupPlan().backupPlanName() != null) {
                name = detail.backupPlan().backupPlanName();
            }
            for (var r : detail.backupPlan().rules()) {
                List<String> copies = r.copyActions().stream().map(CopyAction::destinationBackupVaultArn)
                        .filter(Objects::nonNull).toList();
                rules.add(new BackupRule(r.ruleName(), r.scheduleExpression(), r.targetBackupVaultName(),
                        r.lifecycle() == null ? null : r.lifecycle().deleteAfterDays(), r.enableContinuousBackup(),
                        copies, r.scheduleExpressionTimezone(), r.startWindowMinutes(), r.completionWindowMinutes()));
            }
        }
        String arn = detail.backupPlanArn() != null ? detail.backupPlanArn() : listed.backupPlanArn();
        String version = detail.versionId() != null ? detail.versionId() : listed.versionId();
        return new BackupPlan(arn, scope.account(), scope.region(), listed.backupPlanId(), name, version, rules,
                Map.of());
    }

    static BackupSelection selection(ScanScope scope, BackupPlansListMember plan, BackupSelectionsListMember listed,
                                     GetBackupSelectionResponse detail) {
        var s = detail.backupSelection();
        String name = listed.selectionName();
        String role = listed.iamRoleArn();
        List<String> resources = List.of();
        List<String> notResources = List.of();
        List<TagCondition> listOfTags = new ArrayList<>();
        List<TagCondition> conditions = new ArrayList<>();
        if (s != null) {
            name = s.selectionName() != null ? s.selectionName() : name;
            role = s.iamRoleArn() != null ? s.iamRoleArn() : role;
            resources = s.resources();
            notResources = s.notResources();
            for (var c : s.listOfTags()) {
                if (c.conditionKey() != null) {
                    listOfTags.add(new TagCondition(c.conditionTypeAsString(), c.conditionKey(), c.conditionValue()));
                }
            }
            conditions = conditions(s.conditions());
        }
        String selectionId = listed.selectionId();
        return new BackupSelection(plan.backupPlanArn() + "/selection/" + selectionId, scope.account(),
                scope.region(), plan.backupPlanId(), selectionId, name, role, resources, notResources, listOfTags,
                conditions);
    }

    static List<TagCondition> conditions(Conditions c) {
        List<TagCondition> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        add(out, "STRINGEQUALS", c.stringEquals());
        add(out, "STRINGNOTEQUALS", c.stringNotEquals());
        add(out, "STRINGLIKE", c.stringLike());
        add(out, "STRINGNOTLIKE", c.stringNotLike());
        return out;
    }

    private static void add(List<TagCondition> out, String operator, List<ConditionParameter> parameters) {
        for (ConditionParameter p : parameters) {
            if (p.conditionKey() != null && !p.conditionKey().isBlank()) {
                out.add(new TagCondition(operator, p.conditionKey(), p.conditionValue()));
            }
        }
    }

    // ---- R41, R44, R46: region settings, vault access policies, restore testing ------------------------------

    /** DescribeRegionSettings returns no ARN: the record is named after the region, one per account and region. */
    private void regionSettings(ScanScope scope, EndpointKey key, BackupClient backup, CollectionSink sink) {
        var settings = call(key, "DescribeRegionSettings", () -> backup.describeRegionSettings(b -> { }));
        sink.add(new BackupRegionSettings(Arns.of("backup", scope.region(), scope.account(), "region-settings"),
                scope.account(), scope.region(), settings.resourceTypeOptInPreference(),
                settings.resourceTypeManagementPreference()));
    }

    /**
     * One GetBackupVaultAccessPolicy per vault. A vault without a policy answers ResourceNotFoundException: that is
     * the state R44 judges (a record with a null policy), not a gap; it is caught inside the call so the
     * resilience layer sees a success, neither retrying nor counting it against the breaker.
     */
    private void accessPolicies(ScanScope scope, EndpointKey key, BackupClient backup, List<String> vaultNames,
                                CollectionSink sink, ResourceGaps gaps) {
        perResource(vaultNames, gaps, (vault, vaultGaps) -> {
            String vaultArn = Arns.of("backup", scope.region(), scope.account(), "backup-vault:" + vault);
            try {
                java.util.Optional<String> policy = call(key, "GetBackupVaultAccessPolicy", () -> {
                    try {
                        return java.util.Optional.ofNullable(blankToNull(
                                backup.getBackupVaultAccessPolicy(b -> b.backupVaultName(vault)).policy()));
                    } catch (ResourceNotFoundException e) {
                        return java.util.Optional.<String>empty();
                    }
                });
                return BackupVaultAccessPolicy.of(scope.account(), scope.region(), vault, vaultArn,
                        policy.orElse(null));
            } catch (CollectionException e) {
                vaultGaps.failed(vaultArn, e);
                return null;
            }
        }).stream().filter(Objects::nonNull).forEach(sink::add);
    }

    /** One paged ListRestoreTestingSelections per plan; a plan whose selections cannot be read is a gap. */
    private void restoreTestingSelections(ScanScope scope, EndpointKey key, BackupClient backup,
                                          List<RestoreTestingPlanForList> plans, CollectionSink sink,
                                          ResourceGaps gaps) {
        perResource(plans, gaps, (plan, planGaps) -> {
            String name = plan.restoreTestingPlanName();
            String arn = plan.restoreTestingPlanArn() != null ? plan.restoreTestingPlanArn()
                    : Arns.of("backup", scope.region(), scope.account(), "restore-testing-plan:" + name);
            List<RestoreTestingSelection> selections = new ArrayList<>();
            try {
                pages(key, "ListRestoreTestingSelections", backup.listRestoreTestingSelectionsPaginator(
                        b -> b.restoreTestingPlanName(name).maxResults(PAGE_SIZE)),
                        page -> page.restoreTestingSelections().stream()
                                .filter(s -> blankToNull(s.restoreTestingSelectionName()) != null)
                                .forEach(s -> selections.add(new RestoreTestingSelection(
                                        s.restoreTestingSelectionName(), s.protectedResourceType()))));
                return new RestoreTestingPlan(arn, scope.account(), scope.region(), name, plan.scheduleExpression(),
                        iso(plan.lastExecutionTime()), selections);
            } catch (CollectionException e) {
                planGaps.failed(arn, e);
                return null;
            }
        }).stream().filter(Objects::nonNull).forEach(sink::add);
    }

    /**
     * Restore jobs created since {@code after} (RestoreJob.LOOK_BACK_DAYS before the scan). ListRestoreJobs returns
     * no ARN: each record is named {@code restore-job:<id>} in the region.
     */
    private void restoreJobs(ScanScope scope, EndpointKey key, BackupClient backup, Instant after,
                             CollectionSink sink) {
        pages(key, "ListRestoreJobs", backup.listRestoreJobsPaginator(b -> b.byCreatedAfter(after)
                        .maxResults(PAGE_SIZE)),
                page -> page.restoreJobs().stream().filter(j -> blankToNull(j.restoreJobId()) != null).forEach(j ->
                        sink.add(new RestoreJob(Arns.of("backup", scope.region(), scope.account(),
                                "restore-job:" + j.restoreJobId()), scope.account(), scope.region(),
                                j.restoreJobId(), j.resourceType(), j.statusAsString(),
                                blankToNull(j.statusMessage()), iso(j.creationDate()), iso(j.completionDate()),
                                j.createdBy() == null ? null : j.createdBy().restoreTestingPlanArn()))));
    }
}
