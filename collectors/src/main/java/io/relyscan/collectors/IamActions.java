package io.relyscan.collectors;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The read-only IAM actions relyscan needs, for a least-privilege policy. */
public final class IamActions {
    /** Calls the session makes outside the collectors. */
    static final List<String> SESSION_ACTIONS = List.of("ec2:DescribeRegions", "sts:GetCallerIdentity");

    private IamActions() {
    }

    /** The sorted union of every collector's actions and the session's own. */
    public static List<String> all() {
        SortedSet<String> all = new TreeSet<>(SESSION_ACTIONS);
        all.addAll(Ec2Collector.IAM_ACTIONS);
        all.addAll(RdsCollector.IAM_ACTIONS);
        all.addAll(AutoScalingCollector.IAM_ACTIONS);
        all.addAll(Elbv2Collector.IAM_ACTIONS);
        all.addAll(ElbCollector.IAM_ACTIONS);
        all.addAll(CloudWatchCollector.IAM_ACTIONS);
        all.addAll(BackupCollector.IAM_ACTIONS);
        all.addAll(ConfigCollector.IAM_ACTIONS);
        all.addAll(SnsCollector.IAM_ACTIONS);
        return List.copyOf(all);
    }
}
