package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbSubnet;
import io.relyscan.core.inventory.DbSubnetGroup;
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
import java.util.TreeSet;

/**
 * R11: a DB subnet group in use (named by a DB instance or cluster of its region) spans at least two availability
 * zones, ideally three. Fewer than two fails: no standby or reader can be placed in another zone. Two fail at INFO:
 * a Multi-AZ DB cluster needs three, and losing one zone leaves no spare. Groups no database uses are not applicable.
 */
public final class RdsSubnetGroupAzSpanRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-subnet-group-az-span", "R11",
            "DB subnet groups in use span several availability zones", Severity.LOW, "DbSubnetGroup",
            "A database can only run, fail over or add replicas in the zones of its subnet group: with one zone, "
                    + "Multi-AZ and failover to another zone are impossible; with two, a zone outage leaves no "
                    + "spare zone and Multi-AZ DB clusters (three instances) cannot be created.",
            "Add subnets in at least three availability zones of the VPC to the DB subnet group "
                    + "(aws rds modify-db-subnet-group --subnet-ids ...).",
            Controls.of("REL02-BP03, REL10-BP01", "A1.2*", "A.8.14*", "SC-36*, CP-10*"), List.of(),
            Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, Map<String, Set<String>>> usedBy = new HashMap<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            use(usedBy, db.scope(), db.dbSubnetGroupName(), db.identifier());
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            use(usedBy, cluster.scope(), cluster.dbSubnetGroupName(), "cluster " + cluster.identifier());
        }
        List<Finding> findings = new ArrayList<>();
        for (DbSubnetGroup group : context.inventory().all(DbSubnetGroup.class)) {
            Set<String> users = usedBy.getOrDefault(group.scope(), Map.of()).getOrDefault(group.name(), Set.of());
            FindingBuilder f = context.on(group).evidence("UsedBy", List.copyOf(users)).evidence("Subnets",
                    group.subnets().stream().map(s -> s.subnetId() + " in " + s.availabilityZone()).sorted().toList());
            if (users.isEmpty()) {
                findings.add(f.notApplicable("no DB instance or cluster uses this subnet group"));
                continue;
            }
            if (group.subnets().stream().anyMatch(s -> s.availabilityZone() == null)) {
                findings.add(f.error("a subnet's availability zone was not collected; cannot count zones"));
                continue;
            }
            Set<String> zones = new TreeSet<>();
            group.subnets().stream().map(DbSubnet::availabilityZone).forEach(zones::add);
            f.evidence("AvailabilityZones", List.copyOf(zones));
            if (zones.size() < 2) {
                findings.add(f.fail("subnets span " + zones.size() + " availability zone(s): Multi-AZ and failover "
                        + "to another zone are impossible for " + String.join(", ", users)));
            } else if (zones.size() < 3) {
                findings.add(f.fail(Severity.INFO, "subnets span only 2 availability zones ("
                        + String.join(", ", zones) + "): no spare zone, and Multi-AZ DB clusters need three"));
            } else {
                findings.add(f.pass("subnets span " + zones.size() + " availability zones: "
                        + String.join(", ", zones)));
            }
        }
        return findings;
    }

    private static void use(Map<ScanScope, Map<String, Set<String>>> usedBy, ScanScope scope, String group,
                            String user) {
        if (group != null) {
            usedBy.computeIfAbsent(scope, s -> new HashMap<>()).computeIfAbsent(group, g -> new TreeSet<>()).add(user);
        }
    }
}
