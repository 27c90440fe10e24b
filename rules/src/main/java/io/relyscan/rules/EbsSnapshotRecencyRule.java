package io.relyscan.rules;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EbsSnapshot;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * R24: every EBS volume, attached or not, has a recent completed snapshot of its own account, whatever took it
 * (by hand, Data Lifecycle Manager, AWS Backup). Only the newest completed snapshot of the volume counts:
 * younger than {@code warnAfterDays} passes, up to {@code failAfterDays} is a WARN, older (or none) fails. A
 * newest snapshot in the archive tier is at least a WARN (restoring it takes hours). Volumes whose every attached
 * instance belongs to an Auto Scaling group (its tag or the group's instance list) are rebuilt from the launch
 * template, and a volume tagged {@code ephemeralTagKey=true} is declared disposable: both are not applicable.
 */
public final class EbsSnapshotRecencyRule implements Rule {
    static final String WARN_AFTER = "warnAfterDays";
    static final String FAIL_AFTER = "failAfterDays";
    static final String EPHEMERAL_TAG = "ephemeralTagKey";
    private static final Set<String> SKIPPED_STATES = Set.of("creating", "deleting", "deleted", "error");
    private static final RuleMetadata METADATA = new RuleMetadata("ebs-snapshot-recency", "R24",
            "EBS volumes have a recent snapshot", Severity.MEDIUM, "EbsVolume",
            "A volume without a recent snapshot loses everything written since the last one when it fails, is "
                    + "deleted or is encrypted by ransomware; an archived snapshot takes hours to restore.",
            "Snapshot the volume on a schedule: an AWS Backup plan selecting it (or its instance) or a Data "
                    + "Lifecycle Manager policy; keep the newest snapshot in the standard tier.",
            Controls.of("REL09-BP03", "CC7.5, A1.2*", "A.8.13*", "CP-9*, CP-10*"),
            List.of(RuleParameter.integer(WARN_AFTER, 7, 1, 365,
                            "Age in days above which the newest snapshot is a WARN"),
                    RuleParameter.integer(FAIL_AFTER, 30, 1, 3650,
                            "Age in days above which the newest snapshot fails"),
                    RuleParameter.string(EPHEMERAL_TAG, "ephemeral",
                            "Tag key marking a disposable volume (value true, any case): not applicable")),
            Set.of(AwsService.EC2));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        Map<String, String> groupOf = new HashMap<>();
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            asg.instanceIds().forEach(id -> groupOf.put(asg.scope() + "/" + id, asg.name()));
        }
        for (Ec2Instance i : context.inventory().all(Ec2Instance.class)) {
            if (i.autoScalingGroupName() != null) {
                groupOf.put(i.scope() + "/" + i.instanceId(), i.autoScalingGroupName());
            }
        }
        Map<String, EbsSnapshot> newest = new HashMap<>();
        Map<String, Instant> newestStart = new HashMap<>();
        Set<String> unreadable = new java.util.HashSet<>();
        for (EbsSnapshot s : context.inventory().all(EbsSnapshot.class)) {
            if (!EbsSnapshot.COMPLETED.equals(s.state()) || s.volumeId() == null) {
                continue;
            }
            String key = s.scope() + "/" + s.volumeId();
            Instant start = Timestamps.parseOrNull(s.startTime());
            if (start == null) {
                unreadable.add(key);
            } else if (!newestStart.containsKey(key) || start.isAfter(newestStart.get(key))) {
                newestStart.put(key, start);
                newest.put(key, s);
            }
        }
        int warnDays = context.intParameter(WARN_AFTER);
        int failDays = context.intParameter(FAIL_AFTER);
        String ephemeralKey = context.stringParameter(EPHEMERAL_TAG);
        List<Finding> findings = new ArrayList<>();
        for (EbsVolume v : context.inventory().all(EbsVolume.class)) {
            FindingBuilder f = context.on(v).evidence("State", v.state())
                    .evidence("AttachedInstances", v.attachedInstanceIds()).evidence(WARN_AFTER, warnDays)
                    .evidence(FAIL_AFTER, failDays);
            List<String> groups = v.attachedInstanceIds().stream()
                    .map(id -> groupOf.get(v.scope() + "/" + id)).toList();
            String key = v.scope() + "/" + v.volumeId();
            if (SKIPPED_STATES.contains(v.state())) {
                findings.add(f.notApplicable("volume is " + v.state()));
            } else if (!groups.isEmpty() && !groups.contains(null)) {
                findings.add(f.evidence("AutoScalingGroups", groups.stream().distinct().sorted().toList())
                        .notApplicable("attached only to Auto Scaling group instances (" + String.join(", ",
                                groups.stream().distinct().sorted().toList()) + "), rebuilt from their template"));
            } else if ("true".equals(v.tags().getOrDefault(ephemeralKey, "").trim().toLowerCase(Locale.ROOT))) {
                findings.add(f.evidence(EPHEMERAL_TAG, ephemeralKey)
                        .notApplicable("tagged " + ephemeralKey + "=" + v.tags().get(ephemeralKey) + " (disposable)"));
            } else if (newest.get(key) == null && unreadable.contains(key)) {
                findings.add(f.error("a completed snapshot of the volume has an unreadable StartTime"));
            } else {
                findings.add(judge(context, f, newest.get(key), warnDays, failDays));
            }
        }
        return findings;
    }

    private static Finding judge(RuleContext context, FindingBuilder f, EbsSnapshot s, int warnDays,
                                 int failDays) {
        if (s == null) {
            return f.evidence("NewestSnapshot", null).fail("no completed snapshot of this volume in the account");
        }
        long ageHours = Duration.between(Timestamps.parseOrNull(s.startTime()), context.now()).toHours();
        double ageDays = ageHours / 24.0;
        boolean archived = EbsSnapshot.ARCHIVE_TIER.equals(s.storageTier());
        f.evidence("NewestSnapshot", s.snapshotId()).evidence("StartTime", s.startTime())
                .evidence("StorageTier", s.storageTier()).evidence("AgeDays", Math.floor(ageDays * 10) / 10);
        String age = "newest snapshot " + s.snapshotId() + " is " + (ageHours < 48 ? ageHours + " hours"
                : (long) ageDays + " days") + " old";
        if (ageDays > failDays) {
            return f.fail(age + ", more than " + failDays + " days" + (archived ? ", and archived" : ""));
        }
        if (ageDays > warnDays || archived) {
            List<String> why = new ArrayList<>();
            if (ageDays > warnDays) {
                why.add("more than " + warnDays + " days");
            }
            if (archived) {
                why.add("in the archive tier (restoring it takes up to 72 hours)");
            }
            return f.fail(METADATA.severity().lower(), age + ": " + String.join("; ", why));
        }
        return f.pass(age + ", within " + warnDays + " days");
    }

}
