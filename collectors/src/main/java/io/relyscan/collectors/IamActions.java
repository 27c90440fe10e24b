package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The read-only IAM actions relyscan needs, for a least-privilege policy. */
public final class IamActions {
    /** Calls the session makes outside the collectors. */
    static final List<String> SESSION_ACTIONS = List.of("ec2:DescribeRegions", "sts:GetCallerIdentity");

    /**
     * What the <em>caller</em> needs on top for {@code scan --accounts}: assuming the role in each target account.
     * Not a read of any target (the target roles need only {@link #all()}), so not in the read-only policy.
     */
    public static final List<String> CALLER_MULTI_ACCOUNT_ACTIONS = List.of("sts:AssumeRole");

    /** What the caller needs on top for {@code scan --org}: listing the organization's accounts. */
    public static final List<String> CALLER_ORGANIZATION_ACTIONS = List.of("organizations:ListAccounts");

    private IamActions() {
    }

    /** The sorted union of every collector's actions and the session's own. */
    public static List<String> all() {
        return forServices(EnumSet.allOf(AwsService.class));
    }

    /**
     * The sorted union of the session's own actions and those of the collectors of {@code services}: what a scan
     * that collects only these services calls.
     */
    public static List<String> forServices(Set<AwsService> services) {
        SortedSet<String> actions = new TreeSet<>(SESSION_ACTIONS);
        services.forEach(s -> actions.addAll(of(s)));
        return List.copyOf(actions);
    }

    /** The actions of one service's collector, including lookups it makes on other endpoints. */
    static List<String> of(AwsService service) {
        return switch (service) {
            case EC2 -> Ec2Collector.IAM_ACTIONS;
            case RDS -> RdsCollector.IAM_ACTIONS;
            case AUTOSCALING -> AutoScalingCollector.IAM_ACTIONS;
            case ELB -> ElbCollector.IAM_ACTIONS;
            case ELBV2 -> Elbv2Collector.IAM_ACTIONS;
            case CLOUDWATCH -> CloudWatchCollector.IAM_ACTIONS;
            case BACKUP -> BackupCollector.IAM_ACTIONS;
            case CONFIG -> ConfigCollector.IAM_ACTIONS;
            case SNS -> SnsCollector.IAM_ACTIONS;
        };
    }
}
