package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Auto Scaling groups. Traffic sources, instances, suspended processes and the mixed instances policy all come
 * from the bulk DescribeAutoScalingGroups response; calling DescribeTrafficSources (or anything else) per group
 * would be N+1 calls for the same data.
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
        List<AutoScalingInstance> instances = g.instances().stream()
                .filter(i -> i.instanceId() != null && !i.instanceId().isBlank())
                .map(i -> new AutoScalingInstance(i.instanceId(), i.instanceType(), i.availabilityZone(),
                        i.lifecycleStateAsString(), i.healthStatus()))
                .toList();
        MixedInstancesPolicy mixed = g.mixedInstancesPolicy();
        LaunchTemplateSpecification template = g.launchTemplate();
        List<LaunchTemplateOverrides> overrides = List.of();
        if (mixed != null && mixed.launchTemplate() != null) {
            template = mixed.launchTemplate().launchTemplateSpecification();
            overrides = mixed.launchTemplate().overrides();
        }
        return new AutoScalingGroup(arn, scope.account(), scope.region(), g.autoScalingGroupName(),
                g.availabilityZones(), subnetIds(g.vpcZoneIdentifier()), g.healthCheckType(),
                g.healthCheckGracePeriod(), g.loadBalancerNames(), g.targetGroupARNs(), sources, g.minSize(),
                g.maxSize(), g.desiredCapacity(), instances.stream().map(AutoScalingInstance::instanceId).toList(),
                instances, g.suspendedProcesses().stream().map(SuspendedProcess::processName)
                .filter(Objects::nonNull).distinct().sorted().toList(),
                g.capacityRebalance(), blankToNull(g.launchConfigurationName()), templateName(template),
                template == null ? null : blankToNull(template.version()), mixed != null,
                overrides.stream().map(LaunchTemplateOverrides::instanceType).filter(Objects::nonNull)
                        .distinct().sorted().toList(),
                overrides.stream().anyMatch(o -> o.instanceRequirements() != null), usesSpot(mixed),
                toMap(g.tags(), TagDescription::key, TagDescription::value));
    }

    private static String templateName(LaunchTemplateSpecification template) {
        if (template == null) {
            return null;
        }
        String name = blankToNull(template.launchTemplateName());
        return name != null ? name : blankToNull(template.launchTemplateId());
    }

    /**
     * Spot is used when the on-demand share above the base capacity is below 100% (AWS's default is 100%, i.e.
     * all on-demand). Spot requested through the launch template's market options is not in this response.
     */
    static boolean usesSpot(MixedInstancesPolicy mixed) {
        if (mixed == null) {
            return false;
        }
        InstancesDistribution d = mixed.instancesDistribution();
        Integer onDemandPercentage = d == null ? null : d.onDemandPercentageAboveBaseCapacity();
        return onDemandPercentage != null && onDemandPercentage < 100;
    }

    static List<String> subnetIds(String vpcZoneIdentifier) {
        if (vpcZoneIdentifier == null || vpcZoneIdentifier.isBlank()) {
            return List.of();
        }
        return Arrays.stream(vpcZoneIdentifier.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
    }
}
