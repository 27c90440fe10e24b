package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.BackupVault;
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
 * <p>Tag condition keys are kept as AWS returns them: ListOfTags keys are usually plain tag keys, Conditions keys
 * carry the {@code aws:ResourceTag/} prefix.
 */
public final class BackupCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("backup:GetBackupPlan", "backup:GetBackupSelection",
            "backup:ListBackupPlans", "backup:ListBackupSelections", "backup:ListBackupVaults");
    private static final int PAGE_SIZE = 1000;

    BackupCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.BACKUP, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        BackupClient backup = clients.backup(scope.region());
        List<BackupPlansListMember> plans = new ArrayList<>();
        Listings listings = new Listings(sink);
        listings.run(() -> pages(key, "ListBackupPlans", backup.listBackupPlansPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> plans.addAll(page.backupPlansList())));
        listings.run(() -> pages(key, "ListBackupVaults",
                backup.listBackupVaultsPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> page.backupVaultList().forEach(v -> sink.add(new BackupVault(v.backupVaultArn(),
                        scope.account(), scope.region(), v.backupVaultName(), v.locked(), v.minRetentionDays(),
                        v.maxRetentionDays(), v.numberOfRecoveryPoints(), v.vaultTypeAsString(),
                        v.lockDate() == null ? null : v.lockDate().toString(), Map.of())))));
        listings.settle();

        ResourceGaps gaps = new ResourceGaps();
        for (BackupPlansListMember plan : plans) {
            String planId = plan.backupPlanId();
            try {
                GetBackupPlanResponse detail = call(key, "GetBackupPlan", () -> backup.getBackupPlan(b -> {
                    b.backupPlanId(planId);
                    if (plan.versionId() != null) {
                        b.versionId(plan.versionId());
                    }
                }));
                sink.add(plan(scope, plan, detail));
            } catch (CollectionException e) {
                gaps.failed(plan.backupPlanArn(), e);
            }
            selections(scope, key, backup, plan, sink, gaps);
        }
        gaps.flush(sink);
    }

    private void selections(ScanScope scope, EndpointKey key, BackupClient backup, BackupPlansListMember plan,
                            CollectionSink sink, ResourceGaps gaps) {
        String planId = plan.backupPlanId();
        List<BackupSelectionsListMember> listed = new ArrayList<>();
        try {
            pages(key, "ListBackupSelections", backup.listBackupSelectionsPaginator(b -> b.backupPlanId(planId)
                    .maxResults(PAGE_SIZE)), page -> listed.addAll(page.backupSelectionsList()));
        } catch (CollectionException e) {
            gaps.failed(plan.backupPlanArn(), e);
            return;
        }
        for (BackupSelectionsListMember s : listed) {
            try {
                GetBackupSelectionResponse detail = call(key, "GetBackupSelection",
                        () -> backup.getBackupSelection(b -> b.backupPlanId(planId).selectionId(s.selectionId())));
                sink.add(selection(scope, plan, s, detail));
            } catch (CollectionException e) {
                gaps.failed(plan.backupPlanArn() + "/selection/" + s.selectionId(), e);
            }
        }
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
}
