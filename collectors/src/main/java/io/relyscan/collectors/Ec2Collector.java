package io.relyscan.collectors;

import io.relyscan.core.inventory.AvailabilityZone;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.Subnet;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Availability zones, subnets and live EC2 instances (pending, running, stopping, stopped). */
public final class Ec2Collector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("ec2:DescribeAvailabilityZones", "ec2:DescribeInstances",
            "ec2:DescribeSubnets");
    static final Set<String> SKIPPED_STATES = Set.of(InstanceStateName.TERMINATED.toString(),
            InstanceStateName.SHUTTING_DOWN.toString());
    private static final int PAGE_SIZE = 1000;

    Ec2Collector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.EC2, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        Ec2Client ec2 = clients.ec2(scope.region());
        Listings listings = new Listings(sink);
        listings.run(() -> call(key, "DescribeAvailabilityZones", () -> ec2.describeAvailabilityZones(b -> { }))
                .availabilityZones()
                .forEach(z -> sink.add(new AvailabilityZone(scope.account(), scope.region(), z.zoneName(),
                        z.zoneId(), z.zoneType(), z.stateAsString()))));
        listings.run(() -> pages(key, "DescribeSubnets", ec2.describeSubnetsPaginator(b -> b.maxResults(PAGE_SIZE)),
                page -> page.subnets().forEach(s -> sink.add(new Subnet(
                        Arns.of("ec2", scope.region(), scope.account(), "subnet/" + s.subnetId()), scope.account(),
                        scope.region(), s.subnetId(), s.vpcId(), s.availabilityZone(), s.availabilityZoneId(),
                        tags(s.tags()))))));
        // Filtering on the server keeps terminated instances (visible for about an hour) out of the pages.
        listings.run(() -> pages(key, "DescribeInstances", ec2.describeInstancesPaginator(b -> b
                        .maxResults(PAGE_SIZE)
                        .filters(Filter.builder().name("instance-state-name")
                                .values("pending", "running", "stopping", "stopped").build())),
                page -> page.reservations().forEach(r -> r.instances().forEach(i -> instance(scope, i, sink)))));
        listings.settle();
    }

    private static void instance(ScanScope scope, Instance i, CollectionSink sink) {
        String state = i.state() == null ? null : i.state().nameAsString();
        if (state != null && SKIPPED_STATES.contains(state)) {
            return;
        }
        sink.add(new Ec2Instance(Arns.of("ec2", scope.region(), scope.account(), "instance/" + i.instanceId()),
                scope.account(), scope.region(), i.instanceId(), i.instanceTypeAsString(), state,
                i.placement() == null ? null : i.placement().availabilityZone(), blankToNull(i.subnetId()),
                tags(i.tags())));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return toMap(tags, Tag::key, Tag::value);
    }
}
