package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.relyscan.rules.CrossRegionBackupCopies.otherRegions;

/**
 * R09: a standalone DB instance or DB cluster can be recovered in another region: automated backups replicated
 * there, a read replica there, membership of an Aurora Global Database (clusters), or an AWS Backup selection whose
 * plan copies to a vault there. None fails at INFO, or at MEDIUM for tier-1 resources (which the engine then
 * escalates like every tier-1 failure). Replicas are judged through their source; members through their cluster.
 * A region is another one when the ARN's region field differs.
 */
public final class RdsCrossRegionRecoveryRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-cross-region-recovery", "R09",
            "Databases can be recovered in another region", Severity.MEDIUM, "DbInstance, DbCluster",
            "Multi-AZ and in-region backups do not survive the loss of a whole region, nor a mistake or attack that "
                    + "destroys the region's copies: recovery then needs a copy of the data somewhere else.",
            "Replicate automated backups to another region (aws rds start-db-instance-automated-backups-"
                    + "replication), add a cross-region read replica or Aurora Global Database secondary, or add "
                    + "a copy action to another region's vault in the AWS Backup plan that covers the database.",
            Controls.of("REL13-BP02, REL10-BP01", "A1.2*", "A.5.30*, A.8.13*", "CP-6, CP-6(1), CP-9*"), List.of(),
            Set.of(AwsService.RDS, AwsService.BACKUP));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        CrossRegionBackupCopies backupCopies = new CrossRegionBackupCopies(context.inventory());
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db).evidence("Engine", db.engine());
            String skip = db.isClusterMember() ? "member of DB cluster " + db.clusterIdentifier()
                    : db.isReadReplica() ? "read replica of " + db.readReplicaSourceIdentifier() + "; its source "
                    + "is evaluated" : RdsEngines.isDocDbOrNeptune(db.engine()) ? "engine " + db.engine()
                    + " is not an RDS database" : null;
            if (skip != null) {
                findings.add(f.notApplicable(skip));
                continue;
            }
            Set<String> paths = new TreeSet<>();
            otherRegions(db, db.automatedBackupReplicationArns()).forEach(r -> paths.add("automated backups in " + r));
            otherRegions(db, db.readReplicaIdentifiers()).forEach(r -> paths.add("read replica in " + r));
            findings.add(judge(context, f, db, paths, backupCopies));
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster).evidence("Engine", cluster.engine())
                    .evidence("GlobalClusterIdentifier", cluster.globalClusterIdentifier());
            String source = cluster.replicationSourceIdentifier();
            Set<String> paths = new TreeSet<>();
            if (RdsEngines.isDocDbOrNeptune(cluster.engine())) {
                findings.add(f.notApplicable("engine " + cluster.engine() + " is not an RDS or Aurora database"));
                continue;
            } else if (cluster.globalClusterIdentifier() != null) {
                paths.add("Global Database " + cluster.globalClusterIdentifier());
            } else if (source != null && !otherRegions(cluster, List.of(source)).isEmpty()) {
                findings.add(f.notApplicable("cross-region replica of " + source + "; its source is evaluated"));
                continue;
            }
            otherRegions(cluster, cluster.readReplicaIdentifiers()).forEach(r -> paths.add("replica cluster in " + r));
            findings.add(judge(context, f, cluster, paths, backupCopies));
        }
        return findings;
    }

    private static Finding judge(RuleContext context, FindingBuilder f, Resource db, Set<String> paths,
                                 CrossRegionBackupCopies backupCopies) {
        CrossRegionBackupCopies.Result copies = backupCopies.of(db);
        paths.addAll(copies.copies());
        boolean tier1 = context.isTier1(db);
        f.evidence("RecoveryPaths", List.copyOf(paths)).evidence("Tier1", tier1);
        if (!paths.isEmpty()) {
            return f.pass("recoverable in another region: " + String.join("; ", paths));
        }
        if (!copies.unknownSelections().isEmpty()) {
            return f.error("no cross-region path found, and selection(s) " + String.join(", ",
                    copies.unknownSelections()) + " that copy to another region could not be evaluated");
        }
        return f.fail(tier1 ? METADATA.severity() : Severity.INFO, "no cross-region recovery path: no replicated "
                + "automated backups, no replica in another region, no AWS Backup copy to another region");
    }
}
