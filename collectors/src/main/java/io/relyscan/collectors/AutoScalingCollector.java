package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.ScalingActivity;
import io.relyscan.core.inventory.ScalingPolicy;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Auto Scaling groups. Traffic sources, instances, suspended processes and the mixed instances policy all come
 * from the bulk DescribeAutoScalingGroups response; calling DescribeTrafficSources (or anything else) per group
 * would be N+1 calls for the same data. Scaling activities come from one region-wide listing; launch
 * configurations, launch template versions and AMIs are looked up only as far as the groups reference them
 * ({@link AutoScalingLaunchLookups}). Policies, activities and the launch lookups run concurrently
 * ({@link Listings#add}).
 */
public final class AutoScalingCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribePolicies",
            "autoscaling:DescribeScalingActivities", "ec2:DescribeImages", "ec2:DescribeLaunchTemplateVersions");
    /** The API's maximum; moto fails with HTTP 500 above it. */
    static final int PAGE_SIZE = 100;
    /** DescribePolicies takes at most 50 records per page. */
    static final int POLICY_PAGE_SIZE = 50;

    AutoScalingCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.AUTOSCALING, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        AutoScalingClient asg = clients.autoScaling(scope.region());
        List<AutoScalingGroup> groups = new ArrayList<>();
        pages(key, "DescribeAutoScalingGroups", asg.describeAutoScalingGroupsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.autoScalingGroups().forEach(g -> {
                    AutoScalingGroup group = group(scope, g);
                    groups.add(group);
                    sink.add(group);
                }));
        // Independent of each other, each recording its own failures as gaps: run concurrently.
        Listings listings = listings(sink);
        Instant now = Instant.now();
        listings.add(out -> policies(scope, key, asg, out));
        listings.add(out -> activities(scope, key, asg, out, now));
        Ec2Client ec2 = clients.ec2(scope.region());
        listings.add(out -> new AutoScalingLaunchLookups(this, scope, asg, ec2, out).resolve(groups));
        listings.runQueued();
        listings.settle();
    }

    /**
     * Scaling policies (alarm action targets), one paged DescribePolicies for the whole region. A failure is a gap
     * (PARTIAL): the groups are still trustworthy.
     */
    private void policies(ScanScope scope, EndpointKey key, AutoScalingClient asg, CollectionSink sink) {
        try {
            pages(key, "DescribePolicies", asg.describePoliciesPaginator(b -> b.maxRecords(POLICY_PAGE_SIZE)),
                    page -> page.scalingPolicies().stream().filter(p -> blankToNull(p.policyARN()) != null
                            && blankToNull(p.policyName()) != null).forEach(p -> sink.add(policy(scope, p))));
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), e.getMessage());
        }
    }

    static ScalingPolicy policy(ScanScope scope, software.amazon.awssdk.services.autoscaling.model.ScalingPolicy p) {
        return new ScalingPolicy(p.policyARN(), scope.account(), scope.region(), p.policyName(),
                p.autoScalingGroupName(), p.policyType(), Map.of());
    }

    /**
     * Scaling activities of every group in one region-wide, paged DescribeScalingActivities (not one call per
     * group). AWS lists activities in progress first, then newest first: paging stops at the first page that
     * reaches a finished activity older than the window (with an hour's margin, since the scan's capture time
     * precedes this call). Kept: the activities of the window and those still in progress. A failure is a gap.
     */
    void activities(ScanScope scope, EndpointKey key, AutoScalingClient asg, CollectionSink sink, Instant now) {
        Instant cutoff = now.minus(ScalingActivity.COLLECTED_WINDOW).minus(Duration.ofHours(1));
        try {
            Iterator<DescribeScalingActivitiesResponse> it = asg.describeScalingActivitiesPaginator(
                    b -> b.maxRecords(PAGE_SIZE)).iterator();
            boolean older = false;
            while (!older && it.hasNext()) {
                DescribeScalingActivitiesResponse page = call(key, "DescribeScalingActivities", it::next);
                for (Activity a : page.activities()) {
                    if (blankToNull(a.activityId()) == null || blankToNull(a.autoScalingGroupName()) == null) {
                        continue;
                    }
                    boolean finished = a.endTime() != null;
                    boolean old = a.startTime() != null && a.startTime().isBefore(cutoff);
                    if (finished && old) {
                        older = true;
                    } else {
                        sink.add(new ScalingActivity(scope.account(), scope.region(), a.activityId(),
                                a.autoScalingGroupName(), a.statusCodeAsString(), blankToNull(a.statusMessage()),
                                blankToNull(a.description()), a.startTime() == null ? null : a.startTime().toString(),
                                a.endTime() == null ? null : a.endTime().toString()));
                    }
                }
            }
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), e.getMessage());
        }
    }

    /** The group's launch templates as referenced: its own or its policy's, then each override's. */
    static List<LaunchTemplateSpec> launchTemplateSpecs(LaunchTemplateSpecification template,
                                                        List<LaunchTemplateOverrides> overrides) {
        List<LaunchTemplateSpec> out = new ArrayList<>();
        spec(template).ifPresent(out::add);
        overrides.forEach(o -> spec(o.launchTemplateSpecification()).filter(s -> !out.contains(s))
                .ifPresent(out::add));
        return out;
    }

    private static Optional<LaunchTemplateSpec> spec(LaunchTemplateSpecification t) {
        if (t == null || (blankToNull(t.launchTemplateId()) == null && blankToNull(t.launchTemplateName()) == null)) {
            return Optional.empty();
        }
        return Optional.of(new LaunchTemplateSpec(blankToNull(t.launchTemplateId()),
                blankToNull(t.launchTemplateName()), blankToNull(t.version())));
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
                template == null ? null : blankToNull(template.version()), launchTemplateSpecs(template, overrides),
                mixed != null,
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
