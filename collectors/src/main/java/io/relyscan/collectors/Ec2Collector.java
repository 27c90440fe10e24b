package io.relyscan.collectors;

import io.relyscan.core.inventory.AvailabilityZone;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EbsSnapshot;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.ScheduledEvent;
import io.relyscan.core.inventory.Subnet;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Availability zones, subnets and live EC2 instances (pending, running, stopping, stopped) with their status
 * checks and scheduled events. The status comes from one paginated DescribeInstanceStatus listing over all
 * instances (IncludeAllInstances, so stopped ones too), merged by instance id; when it fails the instances are
 * still reported, with null status fields, and the gap makes the service PARTIAL. Whether each instance type
 * supports simplified automatic recovery comes from DescribeInstanceTypes, filtered to the types in use, handled
 * the same way. EBS volumes and the account's own snapshots (OwnerIds=self) are two more listings.
 */
public final class Ec2Collector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("ec2:DescribeAvailabilityZones", "ec2:DescribeInstanceStatus",
            "ec2:DescribeInstanceTypes", "ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:DescribeSubnets",
            "ec2:DescribeVolumes");
    static final Set<String> SKIPPED_STATES = Set.of(InstanceStateName.TERMINATED.toString(),
            InstanceStateName.SHUTTING_DOWN.toString());
    private static final int PAGE_SIZE = 1000;
    private static final int VOLUME_PAGE_SIZE = 500;
    /** DescribeInstanceTypes pages hold at most 100 types; a filter takes many values, batched to stay small. */
    private static final int TYPE_PAGE_SIZE = 100;

    Ec2Collector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.EC2, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        Ec2Client ec2 = clients.ec2(scope.region());
        Listings listings = listings(sink);
        listings.add(out -> call(key, "DescribeAvailabilityZones", () -> ec2.describeAvailabilityZones(b -> { }))
                .availabilityZones()
                .forEach(z -> out.add(new AvailabilityZone(scope.account(), scope.region(), z.zoneName(),
                        z.zoneId(), z.zoneType(), z.stateAsString()))));
        listings.add(out -> pages(key, "DescribeSubnets", ec2.describeSubnetsPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> page.subnets().forEach(s -> out.add(new Subnet(
                        Arns.of("ec2", scope.region(), scope.account(), "subnet/" + s.subnetId()), scope.account(),
                        scope.region(), s.subnetId(), s.vpcId(), s.availabilityZone(), s.availabilityZoneId(),
                        s.availableIpAddressCount(), tags(s.tags()))))));
        listings.add(out -> instances(scope, key, ec2, out));
        listings.add(out -> pages(key, "DescribeVolumes", ec2.describeVolumesPaginator(b -> b
                        .maxResults(VOLUME_PAGE_SIZE)),
                page -> page.volumes().forEach(v -> out.add(volume(scope, v)))));
        // OwnerIds=self: without it AWS lists every public snapshot too.
        listings.add(out -> pages(key, "DescribeSnapshots", ec2.describeSnapshotsPaginator(b -> b
                        .ownerIds("self").maxResults(PAGE_SIZE)),
                page -> page.snapshots().forEach(s -> out.add(snapshot(scope, s)))));
        listings.runQueued();
        listings.settle();
    }

    /**
     * The instances, with their status and their type's auto-recovery support. A failed listing is rethrown (the
     * listing failed), after reporting the instances of the pages read before it, without status, as evidence.
     */
    private void instances(ScanScope scope, EndpointKey key, Ec2Client ec2, CollectionSink sink) {
        // Filtering on the server keeps terminated instances (visible for about an hour) out of the pages.
        List<Instance> instances = new ArrayList<>();
        try {
            pages(key, "DescribeInstances", ec2.describeInstancesPaginator(b -> b
                            .maxResults(PAGE_SIZE)
                            .filters(Filter.builder().name("instance-state-name")
                                    .values("pending", "running", "stopping", "stopped").build())),
                    page -> page.reservations().forEach(r -> instances.addAll(r.instances())));
        } catch (CollectionException e) {
            instances.forEach(i -> instance(scope, i, null, null, sink));
            throw e;
        }
        Map<String, InstanceStatus> statuses = instances.isEmpty() ? Map.of() : statuses(key, ec2, sink);
        Map<String, Boolean> recoverySupport = autoRecoverySupport(key, ec2, instances, sink);
        instances.forEach(i -> instance(scope, i, statuses, recoverySupport, sink));
    }

    /** Every instance's status by id, or null when the listing failed (recorded as a gap). */
    private Map<String, InstanceStatus> statuses(EndpointKey key, Ec2Client ec2, CollectionSink sink) {
        Map<String, InstanceStatus> byId = new HashMap<>();
        try {
            pages(key, "DescribeInstanceStatus", ec2.describeInstanceStatusPaginator(b -> b
                            .includeAllInstances(true).maxResults(PAGE_SIZE)),
                    page -> page.instanceStatuses().forEach(s -> byId.put(s.instanceId(), s)));
            return byId;
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), e.getMessage());
            return null;
        }
    }

    /**
     * AutoRecoverySupported of every instance type in use, or null when the listing failed (recorded as a gap).
     * Only the types in use are asked for, through the instance-type filter.
     */
    private Map<String, Boolean> autoRecoverySupport(EndpointKey key, Ec2Client ec2, List<Instance> instances,
                                                     CollectionSink sink) {
        List<String> types = new ArrayList<>(instances.stream().map(Instance::instanceTypeAsString)
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new)));
        Map<String, Boolean> byType = new HashMap<>();
        try {
            for (List<String> batch : batches(types, TYPE_PAGE_SIZE)) {
                pages(key, "DescribeInstanceTypes", ec2.describeInstanceTypesPaginator(b -> b
                                .maxResults(TYPE_PAGE_SIZE)
                                .filters(Filter.builder().name("instance-type").values(batch).build())),
                        page -> page.instanceTypes().forEach(t -> byType.put(t.instanceTypeAsString(),
                                t.autoRecoverySupported())));
            }
            return byType;
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), e.getMessage());
            return null;
        }
    }

    private static EbsVolume volume(ScanScope scope, Volume v) {
        List<String> attached = v.attachments().stream().map(VolumeAttachment::instanceId).filter(Objects::nonNull)
                .distinct().sorted().toList();
        return new EbsVolume(Arns.of("ec2", scope.region(), scope.account(), "volume/" + v.volumeId()),
                scope.account(), scope.region(), v.volumeId(), v.availabilityZone(), v.stateAsString(), v.size(),
                v.volumeTypeAsString(), attached, tags(v.tags()));
    }

    /** Snapshot ARNs carry no account (arn:aws:ec2:region::snapshot/snap-...); the record keeps the owner's. */
    private static EbsSnapshot snapshot(ScanScope scope, Snapshot s) {
        return new EbsSnapshot("arn:" + Arns.partition(scope.region()) + ":ec2:" + scope.region() + "::snapshot/"
                + s.snapshotId(), scope.account(), scope.region(), s.snapshotId(), blankToNull(s.volumeId()),
                s.startTime() == null ? null : s.startTime().toString(), s.stateAsString(),
                s.storageTierAsString(), tags(s.tags()));
    }

    private static void instance(ScanScope scope, Instance i, Map<String, InstanceStatus> statuses,
                                 Map<String, Boolean> autoRecoverySupported, CollectionSink sink) {
        String state = i.state() == null ? null : i.state().nameAsString();
        if (state != null && SKIPPED_STATES.contains(state)) {
            return;
        }
        Map<String, String> tags = tags(i.tags());
        // An instance launched after the status listing has no entry: its status stays null (not collected).
        InstanceStatus status = statuses == null ? null : statuses.get(i.instanceId());
        List<ScheduledEvent> events = status == null ? null : status.events().stream()
                .filter(e -> e.codeAsString() != null)
                .map(e -> new ScheduledEvent(e.codeAsString(), e.notBefore() == null ? null : e.notBefore().toString(),
                        e.description(), ScheduledEvent.stateOf(e.description())))
                .toList();
        sink.add(new Ec2Instance(Arns.of("ec2", scope.region(), scope.account(), "instance/" + i.instanceId()),
                scope.account(), scope.region(), i.instanceId(), i.instanceTypeAsString(), state,
                i.placement() == null ? null : i.placement().availabilityZone(), blankToNull(i.subnetId()),
                i.monitoring() == null ? null : i.monitoring().stateAsString(),
                blankToNull(tags.get(Ec2Instance.ASG_NAME_TAG)), status == null ? null : summary(status.systemStatus()),
                status == null ? null : summary(status.instanceStatus()), events, i.rootDeviceTypeAsString(),
                i.maintenanceOptions() == null ? null : i.maintenanceOptions().autoRecoveryAsString(),
                autoRecoverySupported == null ? null : autoRecoverySupported.get(i.instanceTypeAsString()), tags));
    }

    private static String summary(InstanceStatusSummary summary) {
        return summary == null ? null : summary.statusAsString();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return toMap(tags, Tag::key, Tag::value);
    }
}
