package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R39: every standalone DB instance, DB cluster and EC2 instance is assigned to a backup plan by some backup
 * selection of its account and region, resolved with AWS's own semantics ({@link BackupSelectionMatcher}),
 * tags included. Aurora clusters are their own resource type: a member instance's ARN does not cover them, and
 * members are covered through their cluster. DocumentDB and Neptune share RDS ARNs and are left out.
 */
public final class BackupResourceAssignedRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("backup-resource-assigned", "R39",
            "Databases and instances are assigned to a backup plan", Severity.HIGH,
            "DbInstance, DbCluster, Ec2Instance",
            "A backup plan protects only what its selections pick out; a resource no selection matches (wrong "
                    + "tag, an exclusion, a new resource outside the listed ARNs) is silently never backed up.",
            "Assign the resource to a backup plan: tag it to match a tag-based selection, or add its ARN or "
                    + "resource type to a selection's Resources (and check NotResources and Conditions).",
            Controls.of("REL09-BP01, REL09-BP03", "A1.2, CC7.4", "A.8.13*",
                    "CP-6, CP-6(1), CP-6(2), CP-9, CP-10, SC-5(2), SI-12, SI-13(5)"),
            List.of(), Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, List<BackupSelectionMatcher>> selections = new HashMap<>();
        for (BackupSelection s : context.inventory().all(BackupSelection.class)) {
            selections.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(BackupSelectionMatcher.compile(s));
        }
        Set<String> plans = new HashSet<>();
        context.inventory().all(BackupPlan.class).forEach(p -> plans.add(p.scope() + "/" + p.planId()));
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db).evidence("Engine", db.engine());
            if (db.isClusterMember()) {
                findings.add(f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                        + "; backed up through the cluster, evaluated there"));
            } else if (RdsEngines.isDocDbOrNeptune(db.engine())) {
                findings.add(f.notApplicable("engine " + db.engine() + " is not evaluated (it shares RDS ARNs)"));
            } else {
                findings.add(judge(f, db, selections, plans));
            }
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster).evidence("Engine", cluster.engine());
            findings.add(RdsEngines.isDocDbOrNeptune(cluster.engine())
                    ? f.notApplicable("engine " + cluster.engine() + " is not evaluated (it shares RDS ARNs)")
                    : judge(f, cluster, selections, plans));
        }
        for (Ec2Instance instance : context.inventory().all(Ec2Instance.class)) {
            if (!"terminated".equals(instance.state())) {
                findings.add(judge(context.on(instance).evidence("State", instance.state()), instance, selections,
                        plans));
            }
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, Resource resource,
                                 Map<ScanScope, List<BackupSelectionMatcher>> selections, Set<String> plans) {
        List<BackupSelectionMatcher> candidates = selections.getOrDefault(resource.scope(), List.of());
        List<String> matching = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (BackupSelectionMatcher m : candidates) {
            BackupSelectionMatcher.Result r = m.evaluate(resource.arn(), resource.tags());
            if (r.verdict() == BackupSelectionMatcher.Verdict.MATCH) {
                matching.add(m.id());
                reasons.add(m.id() + ": " + r.reason());
                if (!plans.contains(resource.scope() + "/" + m.selection().planId())) {
                    orphans.add(m.id());
                }
            } else if (r.verdict() == BackupSelectionMatcher.Verdict.UNKNOWN) {
                unknown.add(m.id() + ": " + r.reason());
            }
        }
        f.evidence("Tags", resource.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .evidence("SelectionsEvaluated", candidates.size())
                .evidence("MatchingSelections", matching.stream().sorted().toList())
                .evidence("MatchReasons", reasons.stream().sorted().toList());
        if (!orphans.isEmpty()) {
            f.evidence("SelectionsWithPlanNotInInventory", orphans.stream().sorted().toList());
        }
        if (!matching.isEmpty()) {
            return f.pass("assigned to a backup plan by selection(s) " + String.join(", ", matching.stream()
                    .sorted().toList()) + (orphans.isEmpty() ? "" : " (plan of " + orphans.size()
                    + " not in the inventory, counted anyway)"));
        }
        if (!unknown.isEmpty()) {
            return f.evidence("UndecidableSelections", unknown.stream().sorted().toList())
                    .error("no selection assigns it for certain; " + unknown.size() + " selection(s) could not be "
                            + "evaluated: " + String.join("; ", unknown.stream().sorted().toList()));
        }
        return f.fail("not assigned to any backup plan: none of the " + candidates.size()
                + " backup selection(s) in the region matches it, so it is never backed up by AWS Backup");
    }
}
