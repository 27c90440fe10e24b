package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbInstance;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * R02: the member instances of an Aurora or Multi-AZ DB cluster run in at least two availability zones.
 * The decision uses the members' own zones: the cluster's AvailabilityZones field lists storage zones (always
 * about three) and its MultiAZ flag is only a hint, so both are kept as evidence and never decide.
 */
public final class RdsClusterMultiAzRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-cluster-multi-az", "R02",
            "DB cluster instances span at least two availability zones", Severity.HIGH, "DbCluster",
            "Aurora storage spans three zones, but compute does not: a cluster whose instances all sit in one zone "
                    + "has nothing to fail over to when that zone fails, and recovers only by creating a new instance.",
            "Add a reader instance in another availability zone (it becomes the failover target); for Aurora "
                    + "Serverless v1, migrate to Serverless v2 or provisioned instances in several zones.",
            Controls.of("REL10-BP01, REL11-BP02*", "A1.2*", "A.8.14", "CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
            List.of(), Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<ScanScope, Map<String, DbInstance>> instances = new HashMap<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            instances.computeIfAbsent(db.scope(), s -> new HashMap<>()).put(db.identifier(), db);
        }
        List<Finding> findings = new ArrayList<>();
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            findings.add(evaluate(context, cluster, instances.getOrDefault(cluster.scope(), Map.of())));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, DbCluster cluster, Map<String, DbInstance> instances) {
        FindingBuilder f = context.on(cluster)
                .evidence("Engine", cluster.engine())
                .evidence("EngineMode", cluster.engineMode())
                .evidence("MultiAZ", cluster.multiAz())
                .evidence("StorageAvailabilityZones", cluster.storageAvailabilityZones().stream().sorted().toList())
                .evidence("GlobalClusterIdentifier", cluster.globalClusterIdentifier())
                .evidence("DBClusterMembers", cluster.members().stream()
                        .map(DbClusterMember::instanceIdentifier).sorted().toList());
        if (cluster.engine() == null) {
            return f.error("Engine was not collected; cannot tell which kind of cluster this is");
        }
        if (RdsEngines.isDocDbOrNeptune(cluster.engine())) {
            return f.notApplicable("engine " + cluster.engine() + " is not an RDS or Aurora database");
        }
        Severity warn = METADATA.severity().lower();
        if ("serverless".equalsIgnoreCase(cluster.engineMode())) {
            return f.fail(warn, "Aurora Serverless v1 (EngineMode=serverless) runs compute in one zone and "
                    + "recovers from a zone failure only by re-creating it");
        }
        if (cluster.members().isEmpty()) {
            if (cluster.globalClusterIdentifier() != null && !cluster.globalClusterIdentifier().isBlank()) {
                return f.fail(warn, "headless global database secondary: no instances, so a failover to this "
                        + "region must first create one");
            }
            return f.fail("no DB instances in the cluster: nothing serves it and nothing can fail over");
        }
        Map<String, String> zoneByMember = new TreeMap<>();
        for (DbClusterMember member : cluster.members()) {
            DbInstance db = instances.get(member.instanceIdentifier());
            if (db == null || db.availabilityZone() == null) {
                f.evidence("MemberAvailabilityZones", describe(zoneByMember));
                return f.error("member " + member.instanceIdentifier() + (db == null
                        ? " is not in the inventory" : " has no AvailabilityZone collected")
                        + "; cannot count the zones of the cluster's instances");
            }
            zoneByMember.put(member.instanceIdentifier(), db.availabilityZone());
        }
        Set<String> zones = new TreeSet<>(zoneByMember.values());
        f.evidence("MemberAvailabilityZones", describe(zoneByMember))
                .evidence("DistinctAvailabilityZones", List.copyOf(zones));
        if (zones.size() < 2) {
            return f.fail("single-AZ compute: all " + zoneByMember.size() + " instance(s) run in "
                    + zones.iterator().next() + "; a zone outage leaves no instance to fail over to");
        }
        return f.pass("instances span " + zones.size() + " availability zones: " + String.join(", ", zones));
    }

    private static List<String> describe(Map<String, String> zoneByMember) {
        return zoneByMember.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
