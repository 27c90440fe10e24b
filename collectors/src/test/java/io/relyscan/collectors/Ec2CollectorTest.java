package io.relyscan.collectors;

import io.relyscan.core.inventory.AvailabilityZone;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EbsSnapshot;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.Subnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2CollectorTest extends MotoTestBase {
    static Ec2Client ec2;
    static String vpcId;
    static String subnetA;
    static String subnetB;
    static String running;
    static String stopped;
    static String terminated;
    static String monitored;
    static String storageHeavy;
    static String looseVolume;
    static String snapshot;
    static RecordingSink sink;

    @BeforeAll
    static void createNetworkAndInstances() {
        ec2 = TestSessions.client(Ec2Client.builder(), endpoint());
        vpcId = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        subnetA = ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a")
                .tagSpecifications(tags(ResourceType.SUBNET, "Name", "app-a", "tier", "app"))).subnet().subnetId();
        subnetB = ec2.createSubnet(b -> b.vpcId(vpcId).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        running = runInstance(subnetA, "web-1");
        stopped = runInstance(subnetB, "batch-1");
        terminated = runInstance(subnetA, "old-1");
        monitored = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnetB).monitoring(m -> m.enabled(true))
                .tagSpecifications(tags(ResourceType.INSTANCE, "aws:autoscaling:groupName", "web-asg")))
                .instances().get(0).instanceId();
        // In the default VPC, so that the two subnets above keep their address counts.
        storageHeavy = ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("m5d.large").minCount(1)
                .maxCount(1)).instances().get(0).instanceId();
        looseVolume = ec2.createVolume(b -> b.availabilityZone("us-east-1b").size(20).volumeType("gp3")
                .tagSpecifications(tags(ResourceType.VOLUME, "Name", "scratch", "ephemeral", "true"))).volumeId();
        snapshot = ec2.createSnapshot(b -> b.volumeId(looseVolume).tagSpecifications(tags(ResourceType.SNAPSHOT,
                "Name", "scratch-daily"))).snapshotId();
        ec2.stopInstances(b -> b.instanceIds(stopped));
        ec2.terminateInstances(b -> b.instanceIds(terminated));
        sink = collect(AwsService.EC2);
    }

    @AfterAll
    static void closeClient() {
        ec2.close();
    }

    static String runInstance(String subnet, String name) {
        return ec2.runInstances(b -> b.imageId("ami-12345678").instanceType("t3.micro").minCount(1).maxCount(1)
                        .subnetId(subnet).tagSpecifications(tags(ResourceType.INSTANCE, "Name", name)))
                .instances().get(0).instanceId();
    }

    static TagSpecification tags(ResourceType type, String... keyValues) {
        TagSpecification.Builder b = TagSpecification.builder().resourceType(type);
        Tag[] tags = new Tag[keyValues.length / 2];
        for (int i = 0; i < keyValues.length; i += 2) {
            tags[i / 2] = Tag.builder().key(keyValues[i]).value(keyValues[i + 1]).build();
        }
        return b.tags(tags).build();
    }

    @Test
    void collect_hasNoGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.resources).allSatisfy(r -> assertThat(r.service()).isEqualTo(AwsService.EC2));
    }

    @Test
    void collect_availabilityZonesOfTheRegion() {
        assertThat(sink.all(AvailabilityZone.class)).hasSize(6).allSatisfy(z -> {
            assertThat(z.account()).isEqualTo(TestSessions.ACCOUNT);
            assertThat(z.region()).isEqualTo(TestSessions.REGION);
            assertThat(z.zoneName()).startsWith("us-east-1");
            assertThat(z.zoneId()).startsWith("use1-az");
            assertThat(z.state()).isEqualTo("available");
        });
        AvailabilityZone a = sink.one(AvailabilityZone.class, "us-east-1a");
        assertThat(a.zoneType()).isEqualTo("availability-zone");
        assertThat(a.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:availability-zone/us-east-1a");
    }

    @Test
    void collect_subnets_fieldByField() {
        Subnet a = sink.one(Subnet.class, subnetA);
        assertThat(a.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:subnet/" + subnetA);
        assertThat(a.vpcId()).isEqualTo(vpcId);
        assertThat(a.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(a.availabilityZoneId()).startsWith("use1-az");
        assertThat(a.tags()).isEqualTo(Map.of("Name", "app-a", "tier", "app"));
        Subnet b = sink.one(Subnet.class, subnetB);
        assertThat(b.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(b.tags()).isEmpty();
        // moto counts 251 free addresses in a /24 (AWS reserves 5), takes one per instance and, unlike AWS,
        // keeps the terminated instance's (subnet A: web-1 and old-1; subnet B: batch-1 and the monitored one).
        assertThat(a.availableIpAddressCount()).isEqualTo(251 - 2);
        assertThat(b.availableIpAddressCount()).isEqualTo(251 - 2);
        // The default VPC's subnets are listed too.
        assertThat(sink.all(Subnet.class)).hasSizeGreaterThan(2);
    }

    @Test
    void collect_instances_skipsTerminatedOnes() {
        assertThat(sink.all(Ec2Instance.class)).extracting(Ec2Instance::instanceId)
                .containsExactlyInAnyOrder(running, stopped, monitored, storageHeavy);
        Ec2Instance web = sink.one(Ec2Instance.class, running);
        assertThat(web.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/" + running);
        assertThat(web.instanceType()).isEqualTo("t3.micro");
        assertThat(web.state()).isEqualTo("running");
        assertThat(web.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(web.subnetId()).isEqualTo(subnetA);
        assertThat(web.tags()).isEqualTo(Map.of("Name", "web-1"));
        Ec2Instance batch = sink.one(Ec2Instance.class, stopped);
        assertThat(batch.state()).isEqualTo("stopped");
        assertThat(batch.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(batch.subnetId()).isEqualTo(subnetB);
    }

    @Test
    void collect_instances_monitoringAndGroupTag() {
        Ec2Instance web = sink.one(Ec2Instance.class, running);
        assertThat(web.monitoringState()).isEqualTo("disabled");
        assertThat(web.autoScalingGroupName()).isNull();
        Ec2Instance member = sink.one(Ec2Instance.class, monitored);
        assertThat(member.monitoringState()).isEqualTo("enabled");
        assertThat(member.autoScalingGroupName()).isEqualTo("web-asg");
    }

    @Test
    void collect_instanceStatus_mergedForRunningAndStoppedInstances() {
        // moto reports ok/ok for running instances, not-applicable for stopped ones, and never any event.
        Ec2Instance web = sink.one(Ec2Instance.class, running);
        assertThat(web.systemStatus()).isEqualTo("ok");
        assertThat(web.instanceStatus()).isEqualTo("ok");
        assertThat(web.scheduledEvents()).isEmpty();
        Ec2Instance batch = sink.one(Ec2Instance.class, stopped);
        assertThat(batch.systemStatus()).isEqualTo("not-applicable");
        assertThat(batch.instanceStatus()).isEqualTo("not-applicable");
        assertThat(batch.scheduledEvents()).isEmpty();
    }
    @Test
    void collect_instances_recoveryFields() {
        // moto omits MaintenanceOptions (AWS always reports it); its instance-type data has AutoRecoverySupported.
        Ec2Instance web = sink.one(Ec2Instance.class, running);
        assertThat(web.rootDeviceType()).isEqualTo("ebs");
        assertThat(web.autoRecovery()).isNull();
        assertThat(web.autoRecoverySupported()).isTrue();
        assertThat(sink.one(Ec2Instance.class, storageHeavy).autoRecoverySupported()).isFalse();
    }

    @Test
    void collect_volumes_attachedRootVolumesAndUnattachedOnes() {
        EbsVolume loose = sink.one(EbsVolume.class, looseVolume);
        assertThat(loose.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:volume/" + looseVolume);
        assertThat(loose.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(loose.state()).isEqualTo("available");
        assertThat(loose.sizeGib()).isEqualTo(20);
        assertThat(loose.volumeType()).isEqualTo("gp3");
        assertThat(loose.attachedInstanceIds()).isEmpty();
        assertThat(loose.tags()).containsEntry("ephemeral", "true").containsEntry("Name", "scratch");
        // Every instance gets an 8 GiB root volume; the terminated one's was deleted with it.
        assertThat(sink.all(EbsVolume.class)).filteredOn(v -> v.attachedInstanceIds().contains(running))
                .singleElement().satisfies(v -> assertThat(v.state()).isEqualTo("in-use"));
        assertThat(sink.all(EbsVolume.class)).flatExtracting(EbsVolume::attachedInstanceIds)
                .contains(running, stopped, monitored, storageHeavy).doesNotContain(terminated);
    }

    @Test
    void collect_snapshots_ownOnes() {
        // The server runs with MOTO_EC2_LOAD_DEFAULT_AMIS=false: moto ignores OwnerIds and would otherwise list
        // the snapshots of its default AMIs.
        assertThat(sink.all(EbsSnapshot.class)).singleElement().satisfies(s -> {
            assertThat(s.snapshotId()).isEqualTo(snapshot);
            assertThat(s.arn()).isEqualTo("arn:aws:ec2:us-east-1::snapshot/" + snapshot);
            assertThat(s.account()).isEqualTo("123456789012");
            assertThat(s.volumeId()).isEqualTo(looseVolume);
            assertThat(s.state()).isEqualTo("completed");
            assertThat(java.time.Instant.parse(s.startTime())).isBefore(java.time.Instant.now().plusSeconds(60));
            assertThat(s.tags()).containsEntry("Name", "scratch-daily");
        });
    }
}
