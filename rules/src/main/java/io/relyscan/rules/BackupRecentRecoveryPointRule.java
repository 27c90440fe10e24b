package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.ProtectedResource;
import io.relyscan.core.inventory.RecoveryPoint;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R40: the resources R39 judges (standalone DB instances, DB clusters, EC2 instances, EBS volumes) have an AWS
 * Backup recovery point no older than {@code recoveryPointAgeHours}. "Assigned" (R39) is not "protected": a
 * selection can match while every job fails or the IAM role is broken.
 *
 * <p>The decision comes from the recovery points of the collected vaults: the newest one in a usable status
 * (COMPLETED or AVAILABLE), aged from its CreationDate, the data's point in time. A continuous-backup point in a
 * usable status is current. An EBS volume also counts the points of an instance it is attached to (an EC2 backup
 * snapshots every attached volume). Only when no listed point is usable and ListProtectedResources names a last
 * recovery point that is not in any listed vault (a vault of another account, say) does its LastBackupTime decide.
 * No point at all fails. Native RDS automated backups and snapshots are not AWS Backup recovery points; their
 * retention is R04's business, so an RDS database protected only by them fails here.
 */
public final class BackupRecentRecoveryPointRule implements Rule {
    static final String AGE = "recoveryPointAgeHours";
    private static final RuleMetadata METADATA = new RuleMetadata("backup-recent-recovery-point", "R40",
            "Databases, instances and volumes have a recent recovery point", Severity.HIGH,
            "DbInstance, DbCluster, Ec2Instance, EbsVolume",
            "A resource can be assigned to a backup plan and still not be protected: jobs fail, the IAM role "
                    + "lacks permissions, the resource type is not opted in. Only a recent completed recovery "
                    + "point shows that a restore is possible with a bounded data loss.",
            "Find why the resource's backup jobs do not complete (AWS Backup console, Jobs; backup:ListBackupJobs "
                    + "with --by-resource-arn), fix the cause, and run an on-demand backup "
                    + "(aws backup start-backup-job).",
            Controls.of("REL09-BP03", "A1.2, CC7.4", "A.8.13*", "CP-9, CP-10*"),
            List.of(RuleParameter.integer(AGE, 24, 1, 8784,
                    "Oldest acceptable age of the newest completed recovery point, in hours")),
            Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));
    private static final Set<String> GONE_VOLUME_STATES = Set.of("deleting", "deleted");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        int hours = context.intParameter(AGE);
        Points points = new Points(context);
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db).evidence("Engine", db.engine()).evidence(AGE, hours);
            if (db.isClusterMember()) {
                findings.add(f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                        + "; backed up through the cluster, evaluated there"));
            } else if (RdsEngines.isDocDbOrNeptune(db.engine())) {
                findings.add(f.notApplicable("engine " + db.engine() + " is not evaluated (it shares RDS ARNs)"));
            } else {
                findings.add(judge(context, f, hours, points, List.of(db.arn()), db));
            }
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster).evidence("Engine", cluster.engine()).evidence(AGE, hours);
            findings.add(RdsEngines.isDocDbOrNeptune(cluster.engine())
                    ? f.notApplicable("engine " + cluster.engine() + " is not evaluated (it shares RDS ARNs)")
                    : judge(context, f, hours, points, List.of(cluster.arn()), cluster));
        }
        Map<String, String> instanceArns = new HashMap<>();
        for (Ec2Instance instance : context.inventory().all(Ec2Instance.class)) {
            instanceArns.put(instance.scope() + "/" + instance.instanceId(), instance.arn());
            if (!"terminated".equals(instance.state())) {
                findings.add(judge(context, context.on(instance).evidence("State", instance.state())
                        .evidence(AGE, hours), hours, points, List.of(instance.arn()), instance));
            }
        }
        for (EbsVolume volume : context.inventory().all(EbsVolume.class)) {
            if (GONE_VOLUME_STATES.contains(volume.state())) {
                continue;
            }
            List<String> arns = new ArrayList<>();
            arns.add(volume.arn());
            for (String id : volume.attachedInstanceIds()) {
                String arn = instanceArns.get(volume.scope() + "/" + id);
                arns.add(arn != null ? arn : "arn:aws:ec2:" + volume.region() + ":" + volume.account() + ":instance/"
                        + id);
            }
            findings.add(judge(context, context.on(volume).evidence("State", volume.state())
                    .evidence("AttachedInstances", volume.attachedInstanceIds()).evidence(AGE, hours), hours,
                    points, arns, volume));
        }
        return findings;
    }

    private static Finding judge(RuleContext context, FindingBuilder f, int hours, Points points,
                                 List<String> arns, Resource resource) {
        Duration limit = Duration.ofHours(hours);
        RecoveryPoint newest = null;
        Instant newestAt = null;
        int listed = 0;
        Set<String> otherStatuses = new HashSet<>();
        List<String> unreadable = new ArrayList<>();
        for (String arn : arns) {
            for (RecoveryPoint p : points.byResource.getOrDefault(arn, List.of())) {
                listed++;
                if (!p.isUsable()) {
                    otherStatuses.add(String.valueOf(p.status()));
                    continue;
                }
                Instant at = p.isContinuous() ? context.now() : Timestamps.parseOrNull(p.creationDate());
                if (at == null) {
                    unreadable.add(p.arn());
                } else if (newestAt == null || at.isAfter(newestAt)) {
                    newest = p;
                    newestAt = at;
                }
            }
        }
        f.evidence("RecoveryPointsListed", listed);
        if (!otherStatuses.isEmpty()) {
            f.evidence("UnusableStatuses", otherStatuses.stream().sorted().toList());
        }
        ProtectedResource protectedResource = points.protectedByArn.get(resource.scope() + "|" + resource.arn());
        if (protectedResource != null) {
            f.evidence("LastBackupTime", protectedResource.lastBackupTime())
                    .evidence("LastRecoveryPointArn", protectedResource.lastRecoveryPointArn());
        }
        if (newest != null) {
            Duration age = Duration.between(newestAt, context.now());
            f.evidence("NewestRecoveryPointArn", newest.arn()).evidence("NewestRecoveryPointStatus", newest.status())
                    .evidence("NewestRecoveryPointCreationDate", newest.creationDate())
                    .evidence("NewestRecoveryPointVault", newest.vaultName())
                    .evidence("NewestRecoveryPointAgeHours", age.toHours());
            String of = newest.resourceArn().equals(resource.arn()) ? "" : " (of " + newest.resourceArn() + ")";
            if (newest.isContinuous()) {
                return f.pass("continuous backup recovery point " + newest.arn() + " in vault "
                        + newest.vaultName() + of + " is " + newest.status());
            }
            if (age.compareTo(limit) <= 0) {
                return f.pass("newest completed recovery point" + of + " was created " + describe(age) + " ago ("
                        + newest.creationDate() + "), within " + hours + " h");
            }
            return f.fail("newest completed recovery point" + of + " was created " + describe(age) + " ago ("
                    + newest.creationDate() + "), older than " + hours + " h: recent backups are not completing");
        }
        if (!unreadable.isEmpty()) {
            return f.error("unreadable creation date of recovery point(s) " + String.join(", ", unreadable));
        }
        if (protectedResource != null && protectedResource.lastRecoveryPointArn() != null
                && !points.listedArns.contains(protectedResource.lastRecoveryPointArn())) {
            Instant last = Timestamps.parseOrNull(protectedResource.lastBackupTime());
            if (last == null) {
                return f.error("the last recovery point " + protectedResource.lastRecoveryPointArn()
                        + " is in no listed vault and its LastBackupTime is unreadable");
            }
            Duration age = Duration.between(last, context.now());
            String where = "last backed up " + describe(age) + " ago (" + protectedResource.lastBackupTime()
                    + ", ListProtectedResources) to a recovery point in no listed vault";
            return age.compareTo(limit) <= 0 ? f.pass(where + ", within " + hours + " h")
                    : f.fail(where + ", older than " + hours + " h");
        }
        return f.fail(listed == 0 ? "no AWS Backup recovery point of it in any listed vault: it has never been "
                + "backed up by AWS Backup (native RDS automated backups are judged by R04)"
                : "none of its " + listed + " recovery point(s) completed (statuses "
                + String.join(", ", otherStatuses.stream().sorted().toList()) + ")");
    }


    private static String describe(Duration d) {
        long hours = d.toHours();
        return hours >= 48 ? hours / 24 + " d " + hours % 24 + " h" : hours + " h " + d.toMinutesPart() + " min";
    }

    /**
     * Recovery points by the ARN of the resource they back up, and protected resources by the listing scope and
     * the resource's ARN (the resource's own region reports its last backup): built once.
     */
    private static final class Points {
        final Map<String, List<RecoveryPoint>> byResource = new HashMap<>();
        final Set<String> listedArns = new HashSet<>();
        final Map<String, ProtectedResource> protectedByArn = new HashMap<>();

        Points(RuleContext context) {
            for (RecoveryPoint p : context.inventory().all(RecoveryPoint.class)) {
                listedArns.add(p.arn());
                if (p.resourceArn() != null) {
                    byResource.computeIfAbsent(p.resourceArn(), k -> new ArrayList<>()).add(p);
                }
            }
            for (ProtectedResource r : context.inventory().all(ProtectedResource.class)) {
                protectedByArn.put(r.scope() + "|" + r.resourceArn(), r);
            }
        }
    }
}
