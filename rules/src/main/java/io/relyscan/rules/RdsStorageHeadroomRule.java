package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.MetricReading;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R06: a non-Aurora DB instance can grow its storage (storage autoscaling on, with room above the current size)
 * and, where CloudWatch has a recent datapoint, is not running out of it. AWS omits MaxAllocatedStorage when
 * autoscaling is off, so a null ceiling with a known AllocatedStorage means "off"; a ceiling at or below the
 * allocated size means autoscaling has no room left. Both are warnings (one level below the rule's severity).
 *
 * <p>Metric mode: the collector reads the latest AWS/RDS FreeStorageSpace (Minimum over 5 minutes, last 3 hours)
 * of each instance; compared with AllocatedStorage (GiB, so bytes / 2^30), free space below
 * {@code freeStorageFailPercent} fails at the rule's severity and below {@code freeStorageWarnPercent} warns,
 * whatever autoscaling says (autoscaling that works keeps free space above 10%). Above both, or with no
 * datapoint (a stopped instance, a new one, metrics not collected), the autoscaling check alone decides.
 * {@code checkFreeStorageSpace=false} turns metric mode off.
 *
 * <p>Aurora grows by itself; cluster members are not applicable. Read replicas are evaluated: a full replica
 * stops replicating.
 */
public final class RdsStorageHeadroomRule implements Rule {
    static final String WARN_PERCENT = "freeStorageWarnPercent";
    static final String FAIL_PERCENT = "freeStorageFailPercent";
    static final String CHECK_METRIC = "checkFreeStorageSpace";
    static final String RDS = "AWS/RDS";
    static final String FREE_STORAGE_SPACE = "FreeStorageSpace";
    static final String DB_INSTANCE = "DBInstanceIdentifier";
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static final RuleMetadata METADATA = new RuleMetadata("rds-storage-headroom", "R06",
            "RDS DB instances can grow their storage", Severity.MEDIUM, "DbInstance",
            "A DB instance whose storage fills up stops accepting writes (status storage-full) until someone "
                    + "adds storage by hand. Storage autoscaling grows it before that happens, up to a ceiling.",
            "Enable storage autoscaling with a ceiling well above the current size (aws rds modify-db-instance "
                    + "--max-allocated-storage <GiB>), and raise the ceiling when storage approaches it. When free "
                    + "space is already low, add storage now (modify-db-instance --allocated-storage).",
            Controls.of("REL07-BP01", "A1.1*", "A.8.6*", "SC-5(2)*, SC-6*"),
            List.of(RuleParameter.integer(WARN_PERCENT, 20, 1, 99,
                            "Warn when FreeStorageSpace is below this percentage of AllocatedStorage"),
                    RuleParameter.integer(FAIL_PERCENT, 10, 1, 99,
                            "Fail when FreeStorageSpace is below this percentage of AllocatedStorage"),
                    RuleParameter.bool(CHECK_METRIC, true,
                            "Judge the latest FreeStorageSpace datapoint (Minimum, last 3 hours) when CloudWatch "
                                    + "has one; without one, storage autoscaling alone decides")),
            Set.of(AwsService.RDS, AwsService.CLOUDWATCH));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, MetricReading> freeStorage = new HashMap<>();
        if (context.booleanParameter(CHECK_METRIC)) {
            for (MetricReading m : context.inventory().all(MetricReading.class)) {
                String id = m.dimensions().get(DB_INSTANCE);
                if (RDS.equals(m.namespace()) && FREE_STORAGE_SPACE.equals(m.metricName()) && id != null
                        && m.dimensions().size() == 1 && m.value() != null) {
                    freeStorage.put(key(m.account(), m.region(), id), m);
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            findings.add(evaluate(context, db, freeStorage.get(key(db.account(), db.region(), db.identifier()))));
        }
        return findings;
    }

    private static String key(String account, String region, String identifier) {
        return account + "\u0000" + region + "\u0000" + identifier;
    }

    private static Finding evaluate(RuleContext context, DbInstance db, MetricReading free) {
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
        String autoscaling;
        boolean autoscalingOk = false;
        if (db.maxAllocatedStorage() == null) {
            autoscaling = "storage autoscaling is off: the instance stops accepting writes when its "
                    + db.allocatedStorage() + " GiB fill up";
        } else if (db.maxAllocatedStorage() <= db.allocatedStorage()) {
            autoscaling = "storage autoscaling has no room left: MaxAllocatedStorage=" + db.maxAllocatedStorage()
                    + " GiB is not above AllocatedStorage=" + db.allocatedStorage() + " GiB";
        } else {
            autoscaling = "storage autoscaling can grow storage from " + db.allocatedStorage() + " to "
                    + db.maxAllocatedStorage() + " GiB";
            autoscalingOk = true;
        }
        String metric = "";
        if (context.booleanParameter(CHECK_METRIC)) {
            f.evidence("FreeStorageSpace", free == null ? null : free.value())
                    .evidence("FreeStorageSpaceTimestamp", free == null ? null : free.timestamp());
            if (free == null || db.allocatedStorage() <= 0) {
                metric = "; no recent FreeStorageSpace datapoint, so only autoscaling was judged";
            } else {
                double percent = free.value() / (db.allocatedStorage() * GIB) * 100;
                double rounded = Math.round(percent * 10) / 10.0;
                f.evidence("FreeStoragePercent", rounded);
                String level = "FreeStorageSpace is " + rounded + "% of " + db.allocatedStorage() + " GiB";
                if (percent < context.intParameter(FAIL_PERCENT)) {
                    return f.fail(level + ", below " + context.intParameter(FAIL_PERCENT) + "%; " + autoscaling
                            + status);
                }
                if (percent < context.intParameter(WARN_PERCENT)) {
                    return f.fail(warn, level + ", below " + context.intParameter(WARN_PERCENT) + "%; "
                            + autoscaling + status);
                }
                metric = "; " + level;
            }
        }
        if (!autoscalingOk) {
            return f.fail(warn, autoscaling + metric + status);
        }
        return f.pass(autoscaling + metric + status);
    }
}
