package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** R05: standalone DB instances and all DB clusters have deletion protection; members follow their cluster. */
public final class RdsDeletionProtectionRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-deletion-protection", "R05",
            "RDS instances and clusters have deletion protection", Severity.MEDIUM, "DbInstance, DbCluster",
            "Without deletion protection one API call, a mistaken script or an infrastructure-as-code change "
                    + "deletes the database; the automated backups can go with it.",
            "Enable it: aws rds modify-db-instance --deletion-protection (standalone instances) or "
                    + "aws rds modify-db-cluster --deletion-protection (clusters), and set it in the templates.",
            Controls.of("REL10-BP01*, REL-10", "C1.1, A1.2*", "A.5.30*", "CM-3, SC-5(2), SI-13(5)"),
            List.of(), Set.of(AwsService.RDS));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db)
                    .evidence("DeletionProtection", db.deletionProtection())
                    .evidence("DBClusterIdentifier", db.clusterIdentifier())
                    .evidence("Engine", db.engine());
            findings.add(db.isClusterMember()
                    ? f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                            + "; deletion protection is evaluated on the cluster")
                    : judge(f, db.deletionProtection(), "instance"));
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster)
                    .evidence("DeletionProtection", cluster.deletionProtection())
                    .evidence("Engine", cluster.engine());
            findings.add(judge(f, cluster.deletionProtection(), "cluster"));
        }
        return findings;
    }

    private static Finding judge(FindingBuilder f, Boolean deletionProtection, String kind) {
        if (deletionProtection == null) {
            return f.error("DeletionProtection was not collected");
        }
        return deletionProtection
                ? f.pass("DeletionProtection=true: the " + kind + " cannot be deleted until it is turned off")
                : f.fail("DeletionProtection=false: a single delete call removes the " + kind);
    }
}
