package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R36: a region that holds data-bearing resources has at least one AWS Backup plan. Evaluated once per
 * account and region; terminated EC2 instances hold nothing and are not counted.
 */
public final class BackupPlanExistsRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("backup-plan-exists", "R36",
            "Regions holding data have an AWS Backup plan", Severity.HIGH, "Region",
            "Without a backup plan nothing is backed up on a schedule in the region: data lost to deletion, "
                    + "corruption or ransomware can only come back from whatever ad-hoc snapshots exist.",
            "Create a backup plan with at least a daily rule and assign the region's databases and instances "
                    + "to it (for example from the AWS Backup console's daily-35-day-retention template).",
            Controls.of("REL09-BP01, REL09-BP03", "A1.2*, PI1.5", "A.8.13", "CP-9*"),
            List.of(), Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, List<String>> plans = new HashMap<>();
        for (BackupPlan plan : context.inventory().all(BackupPlan.class)) {
            plans.computeIfAbsent(plan.scope(), s -> new ArrayList<>()).add(plan.displayName());
        }
        Map<ScanScope, int[]> counts = new HashMap<>();
        count(counts, context.inventory().all(DbInstance.class), 0);
        count(counts, context.inventory().all(DbCluster.class), 1);
        count(counts, context.inventory().all(Ec2Instance.class).stream()
                .filter(i -> !"terminated".equals(i.state())).toList(), 2);
        List<Finding> findings = new ArrayList<>();
        for (ScanScope scope : context.inventory().scopes()) {
            List<String> names = plans.getOrDefault(scope, List.of()).stream().sorted().toList();
            int[] c = counts.getOrDefault(scope, new int[3]);
            FindingBuilder f = context.on(scope)
                    .evidence("BackupPlans", names)
                    .evidence("DbInstanceCount", c[0])
                    .evidence("DbClusterCount", c[1])
                    .evidence("Ec2InstanceCount", c[2]);
            if (!names.isEmpty()) {
                findings.add(f.pass(names.size() + " backup plan(s) in the region: " + String.join(", ", names)));
            } else if (c[0] + c[1] + c[2] > 0) {
                findings.add(f.fail("no backup plan in the region, which holds " + c[0] + " DB instance(s), "
                        + c[1] + " DB cluster(s) and " + c[2] + " EC2 instance(s)"));
            } else {
                findings.add(f.notApplicable("no backup plan, but no DB instances, DB clusters or EC2 instances "
                        + "in the region either"));
            }
        }
        return findings;
    }

    private static void count(Map<ScanScope, int[]> counts, List<? extends Resource> resources, int slot) {
        for (Resource r : resources) {
            counts.computeIfAbsent(r.scope(), s -> new int[3])[slot]++;
        }
    }
}
