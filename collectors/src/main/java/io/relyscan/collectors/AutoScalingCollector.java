package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

import java.util.Arrays;
import java.util.List;

/**
 * Auto Scaling groups. Traffic sources come from the TrafficSources field of the bulk response; calling
 * DescribeTrafficSources per group would be N+1 calls for the same data.
 */
public final class AutoScalingCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("autoscaling:DescribeAutoScalingGroups");
    /** The API's maximum; moto fails with HTTP 500 above it. */
    static final int PAGE_SIZE = 100;

    AutoScalingCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.AUTOSCALING, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        AutoScalingClient asg = clients.autoScaling(scope.region());
        pages(key, "DescribeAutoScalingGroups", asg.describeAutoScalingGroupsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.autoScalingGroups().forEach(g -> sink.add(group(scope, g))));
    }

    static AutoScalingGroup group(ScanScope scope,
                                  software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup g) {
        String arn = g.autoScalingGroupARN() != null ? g.autoScalingGroupARN()
                : Arns.of("autoscaling", scope.region(), scope.account(),
                "autoScalingGroup:*:autoScalingGroupName/" + g.autoScalingGroupName());
        List<TrafficSource> sources = g.trafficSources().stream()
                .filter(t -> t.identifier() != null && !t.identifier().isBlank())
                .map(t -> new TrafficSource(t.identifier(), t.type()))
                .toList();
        return new AutoScalingGroup(arn, scope.account(), scope.region(), g.autoScalingGroupName(),
                g.availabilityZones(), subnetIds(g.vpcZoneIdentifier()), g.healthCheckType(),
                g.healthCheckGracePeriod(), g.loadBalancerNames(), g.targetGroupARNs(), sources, g.minSize(),
                g.maxSize(), g.desiredCapacity(), g.instances().stream().map(Instance::instanceId).toList(),
                toMap(g.tags(), TagDescription::key, TagDescription::value));
    }

    static List<String> subnetIds(String vpcZoneIdentifier) {
        if (vpcZoneIdentifier == null || vpcZoneIdentifier.isBlank()) {
            return List.of();
        }
        return Arrays.stream(vpcZoneIdentifier.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
    }
}
