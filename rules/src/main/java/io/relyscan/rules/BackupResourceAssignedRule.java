package io.relyscan.rules;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupRegionSettings;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.Resource;
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

/**
 * R39: every standalone DB instance, DB cluster, EC2 instance and EBS volume is assigned to a backup plan by some
 * backup selection of its account and region, resolved with AWS's own semantics ({@link BackupSelectionMatcher}),
 * tags included. Aurora clusters are their own resource type: a member instance's ARN does not cover them, and
 * members are covered through their cluster. DocumentDB and Neptune share RDS ARNs and are left out. An EBS
 * volume is covered by a selection matching its own ARN and tags, or through an attached instance a selection
 * assigns (an EC2 backup is an AMI with snapshots of every attached volume); volumes being deleted are skipped.
 */
public final class BackupResourceAssignedRule implements Rule {
    private static final RuleMetadata METADATA = new RuleMetadata("backup-resource-assigned", "R39",
            "Databases, instances and volumes are assigned to a backup plan", Severity.HIGH,
            "DbInstance, DbCluster, Ec2Instance, EbsVolume",
            "A backup plan protects only what its selections pick out; a resource no selection matches (wrong "
                    + "tag, an exclusion, a new resource outside the listed ARNs) is silently never backed up.",
            "Assign the resource to a backup plan: tag it to match a tag-based selection, or add its ARN or "
                    + "resource type to a selection's Resources (and check NotResources and Conditions).",
            Controls.of("REL09-BP01, REL09-BP03", "A1.2, CC7.4", "A.8.13*",
                    "CP-6, CP-6(1), CP-6(2), CP-9, CP-10, SC-5(2), SI-12, SI-13(5)"),
            List.of(), Set.of(AwsService.BACKUP, AwsService.RDS, AwsService.EC2));
    private static final Set<String> GONE_VOLUME_STATES = Set.of("deleting", "deleted");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        BackupAssignments assignments = BackupAssignments.of(context.inventory());
        OptIn optIn = new OptIn(context);
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db).evidence("Engine", db.engine());
            if (db.isClusterMember()) {
                findings.add(f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                        + "; backed up through the cluster, evaluated there"));
            } else if (RdsEngines.isDocDbOrNeptune(db.engine())) {
                findings.add(f.notApplicable("engine " + db.engine() + " is not evaluated (it shares RDS ARNs)"));
            } else {
                findings.add(judge(f, db, assignments.of(db), optIn));
            }
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            FindingBuilder f = context.on(cluster).evidence("Engine", cluster.engine());
            findings.add(RdsEngines.isDocDbOrNeptune(cluster.engine())
                    ? f.notApplicable("engine " + cluster.engine() + " is not evaluated (it shares RDS ARNs)")
                    : judge(f, cluster, assignments.of(cluster), optIn));
        }
        Map<String, Ec2Instance> instances = new HashMap<>();
        for (Ec2Instance instance : context.inventory().all(Ec2Instance.class)) {
            instances.put(instance.scope() + "/" + instance.instanceId(), instance);
            if (!"terminated".equals(instance.state())) {
                findings.add(judge(context.on(instance).evidence("State", instance.state()), instance,
                        assignments.of(instance), optIn));
            }
        }
        for (EbsVolume volume : context.inventory().all(EbsVolume.class)) {
            if (!GONE_VOLUME_STATES.contains(volume.state())) {
                findings.add(judgeVolume(context.on(volume), volume, assignments, instances, optIn));
            }
        }
        return findings;
    }

    /**
     * A volume is covered by a selection of its own (resource type EBS) or, since an EC2 backup is an AMI of
     * every attached EBS volume, by one that assigns an instance it is attached to.
     */
    private static Finding judgeVolume(FindingBuilder f, EbsVolume volume, BackupAssignments assignments,
                                       Map<String, Ec2Instance> instances, OptIn optIn) {
        f.evidence("State", volume.state()).evidence("AttachedInstances", volume.attachedInstanceIds());
        BackupAssignments.Assignment own = assignments.of(volume);
        if (own.assigned()) {
            return judge(f, volume, own, optIn);
        }
        List<String> unknown = new ArrayList<>(own.unknown());
        for (String id : volume.attachedInstanceIds()) {
            Ec2Instance instance = instances.get(volume.scope() + "/" + id);
            if (instance == null) {
                continue;
            }
            BackupAssignments.Assignment through = assignments.of(instance);
            if (through.assigned() && optIn.optedOutType(instance) != null) {
                continue;
            }
            if (through.assigned()) {
                return tagsAndSelections(f, volume, own).evidence("CoveredThroughInstance", id)
                        .evidence("InstanceMatchingSelections", through.matching())
                        .pass("attached to instance " + id + ", which selection(s) "
                                + String.join(", ", through.matching())
                                + " assign: its EC2 backups include this volume");
            }
            through.unknown().forEach(u -> unknown.add(id + " via " + u));
        }
        // Undecidable selections of the volume or of an instance it is attached to leave the verdict open.
        return judge(f, volume, new BackupAssignments.Assignment(unknown.isEmpty()
                ? BackupSelectionMatcher.Verdict.NO_MATCH : BackupSelectionMatcher.Verdict.UNKNOWN,
                own.matching(), own.reasons(), own.orphans(), unknown.stream().sorted().toList(), own.evaluated()),
                optIn);
    }

    private static FindingBuilder tagsAndSelections(FindingBuilder f, Resource resource,
                                                    BackupAssignments.Assignment a) {
        f.evidence("Tags", resource.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .evidence("SelectionsEvaluated", a.evaluated())
                .evidence("MatchingSelections", a.matching())
                .evidence("MatchReasons", a.reasons());
        if (!a.orphans().isEmpty()) {
            f.evidence("SelectionsWithPlanNotInInventory", a.orphans());
        }
        return f;
    }

    private static Finding judge(FindingBuilder f, Resource resource, BackupAssignments.Assignment a, OptIn optIn) {
        tagsAndSelections(f, resource, a);
        String optedOut = a.assigned() ? optIn.optedOutType(resource) : null;
        if (optedOut != null) {
            return f.evidence("ResourceTypeOptInPreference", Map.of(optedOut, false))
                    .fail("selection(s) " + String.join(", ", a.matching()) + " assign it, but resource type "
                            + optedOut + " is opted out of AWS Backup in " + resource.region()
                            + ", so AWS Backup skips it without an error");
        }
        if (a.assigned()) {
            return f.pass("assigned to a backup plan by selection(s) " + String.join(", ", a.matching())
                    + (a.orphans().isEmpty() ? "" : " (plan of " + a.orphans().size()
                    + " not in the inventory, counted anyway)"));
        }
        if (!a.unknown().isEmpty()) {
            return f.evidence("UndecidableSelections", a.unknown())
                    .error("no selection assigns it for certain; " + a.unknown().size() + " selection(s) could not "
                            + "be evaluated: " + String.join("; ", a.unknown()));
        }
        return f.fail("not assigned to any backup plan: none of the " + a.evaluated()
                + " backup selection(s) in the region matches it, so it is never backed up by AWS Backup");
    }

    /** The AWS Backup region settings of each scope, to find resource types AWS Backup is opted out of. */
    private static final class OptIn {
        private final Map<ScanScope, BackupRegionSettings> byScope = new HashMap<>();

        OptIn(RuleContext context) {
            context.inventory().all(BackupRegionSettings.class).forEach(s -> byScope.put(s.scope(), s));
        }

        /** The resource's AWS Backup type when its region opts that type out, else null (also when unknown). */
        String optedOutType(Resource resource) {
            BackupRegionSettings settings = byScope.get(resource.scope());
            String type = BackupResourceTypes.of(resource);
            return settings != null && type != null
                    && Boolean.FALSE.equals(settings.resourceTypeOptInPreference().get(type)) ? type : null;
        }
    }
}
