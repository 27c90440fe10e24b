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
import java.util.Set;

/**
 * R06: a non-Aurora DB instance can grow its storage (storage autoscaling on, with room above the current size).
 * Only the storage autoscaling mode of the catalog is implemented: the optional CloudWatch mode (FreeStorageSpace
 * below 20% WARN, below 10% FAIL) is not, as the inventory holds no metrics yet. AWS omits MaxAllocatedStorage when
 * autoscaling is off, so a null ceiling with a known AllocatedStorage means "off"; a ceiling at or below the
 * allocated size means autoscaling has no room left. Aurora grows by itself; cluster members are not applicable.
 * Read replicas are evaluated: a full replica stops replicating.
 */
public final class RdsStorageHeadroomRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("rds-storage-headroom", "R06",
            "RDS DB instances can grow their storage", Severity.MEDIUM, "DbInstance",
            "A DB instance whose storage fills up stops accepting writes (status storage-full) until someone "
                    + "adds storage by hand. Storage autoscaling grows it before that happens, up to a ceiling.",
            "Enable storage autoscaling with a ceiling well above the current size (aws rds modify-db-instance "
                    + "--max-allocated-storage <GiB>), and raise the ceiling when storage approaches it.",
            Controls.of("REL07-BP01", "A1.1*", "A.8.6*", "SC-5(2)*, SC-6*"), List.of(), Set.of(AwsService.RDS));

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
                .evidence("DBInstanceStatus", db.status())
                .evidence("AllocatedStorage", db.allocatedStorage())
                .evidence("MaxAllocatedStorage", db.maxAllocatedStorage())
                .evidence("DBClusterIdentifier", db.clusterIdentifier());
        if (db.isClusterMember()) {
            return f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                    + "; storage belongs to the cluster");
        }
        if (db.engine() == null) {
            return f.error("Engine was not collected; cannot tell whether the instance manages its own storage");
        }
        if (RdsEngines.isAurora(db.engine()) || RdsEngines.isDocDbOrNeptune(db.engine())) {
            return f.notApplicable("engine " + db.engine() + " uses cluster storage that grows automatically");
        }
        if (db.allocatedStorage() == null) {
            return f.error("AllocatedStorage was not collected; cannot judge storage headroom");
        }
        Severity warn = METADATA.severity().lower();
        String status = db.status() == null || db.status().equals("available") ? "" : " (status: " + db.status() + ")";
        if (db.maxAllocatedStorage() == null) {
            return f.fail(warn, "storage autoscaling is off: the instance stops accepting writes when its "
                    + db.allocatedStorage() + " GiB fill up" + status);
        }
        if (db.maxAllocatedStorage() <= db.allocatedStorage()) {
            return f.fail(warn, "storage autoscaling has no room left: MaxAllocatedStorage=" + db.maxAllocatedStorage()
                    + " GiB is not above AllocatedStorage=" + db.allocatedStorage() + " GiB" + status);
        }
        return f.pass("storage autoscaling can grow storage from " + db.allocatedStorage() + " to "
                + db.maxAllocatedStorage() + " GiB" + status);
    }
}
