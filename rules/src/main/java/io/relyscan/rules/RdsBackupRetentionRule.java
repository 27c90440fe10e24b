package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * R04: automated backups are on and kept long enough. Standalone instances and clusters are evaluated;
 * cluster members inherit the cluster's retention. Retention 0 (backups off) fails at HIGH, a retention below
 * the minimum one level lower. AWS Backup continuous backup of an instance counts as covered (TA 44fde09ab5).
 */
public final class RdsBackupRetentionRule implements Rule {
    static final String MINIMUM_RETENTION_DAYS = "minimumRetentionDays";
    static final String CHECK_READ_REPLICAS = "checkReadReplicas";

    private static final RuleMetadata METADATA = new RuleMetadata("rds-backup-retention", "R04",
            "RDS automated backups are enabled with enough retention", Severity.HIGH, "DbInstance, DbCluster",
            "Without automated backups there is no point-in-time recovery: a bad migration, a deleted table or "
                    + "corruption cannot be undone. A short retention window means a problem found late "
                    + "can no longer be rolled back.",
            "Set BackupRetentionPeriod to at least the minimum (aws rds modify-db-instance / modify-db-cluster "
                    + "--backup-retention-period 7), or protect the instance with AWS Backup continuous backup.",
            Controls.of("REL09-BP03", "A1.2, CC7.4", "A.8.13*",
                    "CP-6, CP-6(1), CP-6(2), CP-9, CP-10, SC-5(2), SI-12, SI-13(5)"),
            List.of(RuleParameter.integer(MINIMUM_RETENTION_DAYS, 7, 1,
                            "Retention in days below which automated backups are too short"),
                    RuleParameter.bool(CHECK_READ_REPLICAS, false,
                            "Also evaluate read replicas (off by default, as Security Hub RDS.11)")),
            Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int minimum = context.intParameter(MINIMUM_RETENTION_DAYS);
        boolean checkReplicas = context.booleanParameter(CHECK_READ_REPLICAS);
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db)
                    .evidence("Engine", db.engine())
                    .evidence("BackupRetentionPeriod", db.backupRetentionPeriod())
                    .evidence("DBClusterIdentifier", db.clusterIdentifier())
                    .evidence("ReadReplicaSourceDBInstanceIdentifier", db.readReplicaSourceIdentifier())
                    .evidence("AwsBackupRecoveryPointArn", db.awsBackupRecoveryPointArn());
            if (db.isClusterMember()) {
                findings.add(f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                        + "; the cluster's backup retention applies"));
            } else if (RdsEngines.isDocDbOrNeptune(db.engine())) {
                findings.add(f.notApplicable("engine " + db.engine() + " is not an RDS or Aurora database"));
            } else if (db.isReadReplica() && !checkReplicas) {
                findings.add(f.notApplicable("read replica of " + db.readReplicaSourceIdentifier()
                        + "; replicas are skipped unless checkReadReplicas=true"));
            } else if (db.awsBackupRecoveryPointArn() != null && !db.awsBackupRecoveryPointArn().isBlank()) {
                findings.add(f.pass("AWS Backup continuous backup covers the instance ("
                        + db.awsBackupRecoveryPointArn() + ")"));
            } else {
                findings.add(judge(f, db.backupRetentionPeriod(), minimum));
            }
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster)
                    .evidence("Engine", cluster.engine())
                    .evidence("BackupRetentionPeriod", cluster.backupRetentionPeriod());
            findings.add(RdsEngines.isDocDbOrNeptune(cluster.engine())
                    ? f.notApplicable("engine " + cluster.engine() + " is not an RDS or Aurora database")
                    : judge(f, cluster.backupRetentionPeriod(), minimum));
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, Integer retention, int minimum) {
        if (retention == null) {
            return f.error("BackupRetentionPeriod was not collected; cannot tell whether backups are on");
        }
        if (retention <= 0) {
            return f.fail(METADATA.severity(), "automated backups are off: BackupRetentionPeriod=0, "
                    + "no point-in-time recovery is possible");
        }
        if (retention < minimum) {
            return f.fail(METADATA.severity().lower(), "BackupRetentionPeriod=" + retention
                    + " days is below the minimum of " + minimum + "; older problems cannot be rolled back");
        }
        return f.pass("automated backups kept " + retention + " days (minimum " + minimum + ")");
    }
}
