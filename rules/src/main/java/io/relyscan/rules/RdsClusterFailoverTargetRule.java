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
import java.util.TreeSet;

/**
 * R03: an Aurora cluster has a reader to promote when its writer fails. No reader fails. WARN when every reader
 * sits in one zone and that leaves the cluster one zone away from losing all failover targets: two or more readers
 * in one zone, or the only reader(s) in the writer's zone (one reader in another zone passes; zone spread of the
 * whole cluster is rds-cluster-multi-az). WARN when members differ in PubliclyAccessible: a failover then moves the
 * writer endpoint between public and private and breaks clients. Multi-AZ DB clusters (two readable standbys by
 * design), Aurora Serverless v1 and clusters without instances are not applicable.
 */
public final class RdsClusterFailoverTargetRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-cluster-failover-target", "R03",
            "Aurora clusters have a reader to fail over to", Severity.MEDIUM, "DbCluster",
            "When the writer of an Aurora cluster fails, Aurora promotes a reader in about 30 seconds; without a "
                    + "reader it must create a new instance, which takes minutes. Readers that all share one zone, "
                    + "or readers whose network exposure differs from the writer's, make failover fragile.",
            "Add at least one Aurora Replica (reader) in another availability zone than the writer, spread readers "
                    + "over zones, and give every member the same PubliclyAccessible setting.",
            Controls.of("REL11-BP02*", "A1.2*", "A.8.14*", "CP-10*, SI-13(5)*"), List.of(), Set.of(AwsService.RDS));

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
        FindingBuilder f = context.on(cluster).evidence("Engine", cluster.engine())
                .evidence("EngineMode", cluster.engineMode());
        if (cluster.engine() == null) {
            return f.error("Engine was not collected; cannot tell whether this is an Aurora cluster");
        }
        if (!RdsEngines.isAurora(cluster.engine())) {
            return f.notApplicable("engine " + cluster.engine() + " is not Aurora (a Multi-AZ DB cluster always has "
                    + "two readable standbys; DocumentDB and Neptune are not evaluated)");
        }
        if ("serverless".equalsIgnoreCase(cluster.engineMode())) {
            return f.notApplicable("Aurora Serverless v1 has no instances to promote; see rds-cluster-multi-az");
        }
        if (cluster.members().isEmpty()) {
            return f.notApplicable("the cluster has no DB instances; see rds-cluster-multi-az");
        }
        String writerZone = null;
        List<String> readers = new ArrayList<>();
        Set<String> readerZones = new TreeSet<>();
        Set<Boolean> exposure = new TreeSet<>();
        List<String> described = new ArrayList<>();
        for (DbClusterMember member : cluster.members()) {
            DbInstance db = instances.get(member.instanceIdentifier());
            if (db == null || db.availabilityZone() == null || db.publiclyAccessible() == null) {
                f.evidence("Members", described);
                return f.error("member " + member.instanceIdentifier() + (db == null ? " is not in the inventory"
                        : " has no " + (db.availabilityZone() == null ? "AvailabilityZone" : "PubliclyAccessible")
                        + " collected") + "; cannot judge failover");
            }
            described.add(db.identifier() + (member.writer() ? " (writer)" : "") + " in " + db.availabilityZone()
                    + (db.publiclyAccessible() ? ", public" : ", private"));
            exposure.add(db.publiclyAccessible());
            if (member.writer()) {
                writerZone = db.availabilityZone();
            } else {
                readers.add(db.identifier());
                readerZones.add(db.availabilityZone());
            }
        }
        f.evidence("Members", described.stream().sorted().toList())
                .evidence("ReaderAvailabilityZones", List.copyOf(readerZones));
        if (readers.isEmpty()) {
            return f.fail("no reader: only the writer runs, so a writer failure waits for a new instance to be "
                    + "created instead of promoting a replica");
        }
        List<String> warnings = new ArrayList<>();
        if (readerZones.size() == 1) {
            String zone = readerZones.iterator().next();
            if (zone.equals(writerZone)) {
                warnings.add("every reader runs in the writer's zone " + zone
                        + ": an outage of that zone leaves nothing to fail over to");
            } else if (readers.size() > 1) {
                warnings.add("all " + readers.size() + " readers share zone " + zone);
            }
        }
        if (exposure.size() > 1) {
            warnings.add("members differ in PubliclyAccessible: a failover changes how clients reach the writer");
        }
        if (!warnings.isEmpty()) {
            return f.fail(METADATA.severity().lower(), String.join("; ", warnings));
        }
        return f.pass(readers.size() + " reader(s) in " + String.join(", ", readerZones)
                + " can be promoted when the writer fails");
    }
}
