package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * R01: a standalone RDS instance runs Multi-AZ. Cluster members and cluster engines belong to R02; read
 * replicas fail at INFO only (the source is what must survive a zone outage), unless tier-1: a tier-1 replica
 * serves production reads and fails at the rule's severity.
 */
public final class RdsInstanceMultiAzRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-instance-multi-az", "R01",
            "RDS DB instances run Multi-AZ", Severity.HIGH, "DbInstance",
            "A Single-AZ DB instance is down for as long as its availability zone or host is: a zone outage, a "
                    + "storage failure or maintenance takes the database offline and recovery means restoring "
                    + "from backup. Multi-AZ keeps a synchronous standby in another zone and fails over to it.",
            "Modify the instance with MultiAZ=true (aws rds modify-db-instance --multi-az --apply-immediately). "
                    + "SQL Server Express and Web editions cannot be Multi-AZ: move to Standard or Enterprise "
                    + "edition, or accept the risk with a waiver.",
            Controls.of("REL10-BP01, REL11-BP02*", "A1.2*", "A.8.14", "CP-6(2), CP-10, SC-5(2), SC-36, SI-13(5)"),
            List.of(), Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            findings.add(evaluate(context, db));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, DbInstance db) {
        FindingBuilder f = context.on(db)
                .evidence("Engine", db.engine())
                .evidence("MultiAZ", db.multiAz())
                .evidence("DBInstanceStatus", db.status())
                .evidence("AvailabilityZone", db.availabilityZone())
                .evidence("SecondaryAvailabilityZone", db.secondaryAvailabilityZone())
                .evidence("DBClusterIdentifier", db.clusterIdentifier())
                .evidence("ReadReplicaSourceDBInstanceIdentifier", db.readReplicaSourceIdentifier());
        if (db.isClusterMember()) {
            return f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                    + "; zone redundancy is evaluated on the cluster by rds-cluster-multi-az");
        }
        if (db.engine() == null) {
            return f.error("Engine was not collected; cannot tell whether the instance can be Multi-AZ");
        }
        String engine = db.engine().toLowerCase(Locale.ROOT);
        if (RdsEngines.isAurora(engine) || RdsEngines.isDocDbOrNeptune(engine)) {
            return f.notApplicable("engine " + db.engine() + " runs in DB clusters; evaluated by rds-cluster-multi-az");
        }
        if (engine.startsWith("custom-oracle")) {
            return f.notApplicable("RDS Custom for Oracle (" + db.engine() + ") is not evaluated for Multi-AZ");
        }
        if (db.multiAz() == null) {
            return f.error("MultiAZ was not collected; cannot tell whether the instance has a standby");
        }
        String status = statusNote(db);
        if (db.multiAz()) {
            return f.pass("Multi-AZ: MultiAZ=true, a standby in another zone takes over on failure" + status);
        }
        if (db.isReadReplica() && context.isTier1(db)) {
            return f.fail("single-AZ tier-1 read replica of " + db.readReplicaSourceIdentifier() + ": MultiAZ="
                    + "false; a zone outage loses this replica and the production reads it serves" + status);
        }
        if (db.isReadReplica()) {
            return f.fail(Severity.INFO, "single-AZ read replica of " + db.readReplicaSourceIdentifier()
                    + ": MultiAZ=false; a zone outage loses this replica, not the source" + status);
        }
        if (engine.equals("sqlserver-ex") || engine.equals("sqlserver-web")) {
            return f.fail("single-AZ: MultiAZ=false and the " + db.engine()
                    + " edition cannot be Multi-AZ; a zone outage takes the database down" + status);
        }
        return f.fail("single-AZ: MultiAZ=false; a zone outage takes the database down" + status);
    }

    private static String statusNote(DbInstance db) {
        return db.status() == null || db.status().equals("available") ? "" : " (status: " + db.status() + ")";
    }
}
