package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AutoScalingCollectorTest extends MotoTestBase {
    static Ec2Client ec2;
    static AutoScalingClient asg;
    static ElasticLoadBalancingV2Client elb;
    static String subnetA;
    static String subnetB;
    static String targetGroupArn;
    static RecordingSink sink;

    @BeforeAll
    static void createGroups() {
        ec2 = TestSessions.client(Ec2Client.builder(), endpoint());
        asg = TestSessions.client(AutoScalingClient.builder(), endpoint());
        elb = TestSessions.client(ElasticLoadBalancingV2Client.builder(), endpoint());
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        subnetA = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.30.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        subnetB = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.30.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        ec2.createLaunchTemplate(b -> b.launchTemplateName("web-lt")
                .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("t3.micro")));
        targetGroupArn = elb.createTargetGroup(b -> b.name("web-tg").protocol("HTTP").port(80).vpcId(vpc))
                .targetGroups().get(0).targetGroupArn();
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("web-asg")
                .launchTemplate(t -> t.launchTemplateName("web-lt"))
                .vpcZoneIdentifier(subnetA + "," + subnetB)
                .minSize(1).maxSize(4).desiredCapacity(2)
                .healthCheckType("ELB").healthCheckGracePeriod(120)
                .targetGroupARNs(targetGroupArn)
                .tags(Tag.builder().key("env").value("prod").propagateAtLaunch(true).build()));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("batch-asg")
                .launchTemplate(t -> t.launchTemplateName("web-lt"))
                .availabilityZones("us-east-1c")
                .minSize(0).maxSize(1).desiredCapacity(0));
        asg.suspendProcesses(b -> b.autoScalingGroupName("batch-asg").scalingProcesses("Launch", "AZRebalance"));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("mixed-asg")
                .mixedInstancesPolicy(p -> p
                        .launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateName("web-lt")
                                        .version("$Latest"))
                                .overrides(o -> o.instanceType("t3.small"), o -> o.instanceType("t3.micro"),
                                        o -> o.instanceType("t3.small")))
                        .instancesDistribution(d -> d.onDemandBaseCapacity(1)
                                .onDemandPercentageAboveBaseCapacity(25)))
                .capacityRebalance(true)
                .vpcZoneIdentifier(subnetA)
                .minSize(1).maxSize(2).desiredCapacity(1));
        sink = collect(AwsService.AUTOSCALING);
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        asg.close();
        elb.close();
    }

    @Test
    void collect_allGroupsWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(AutoScalingGroup.class)).extracting(AutoScalingGroup::name)
                .containsExactlyInAnyOrder("web-asg", "batch-asg", "mixed-asg");
    }

    @Test
    void collect_groupInSubnetsBehindATargetGroup_fieldByField() {
        AutoScalingGroup g = sink.one(AutoScalingGroup.class, "web-asg");
        assertThat(g.arn()).startsWith("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:")
                .endsWith(":autoScalingGroupName/web-asg");
        assertThat(g.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(g.region()).isEqualTo(TestSessions.REGION);
        assertThat(g.subnetIds()).containsExactly(subnetA, subnetB);
        assertThat(g.availabilityZones()).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(g.healthCheckType()).isEqualTo("ELB");
        assertThat(g.healthCheckGracePeriod()).isEqualTo(120);
        assertThat(g.targetGroupArns()).containsExactly(targetGroupArn);
        assertThat(g.loadBalancerNames()).isEmpty();
        // moto does not return TrafficSources; the canned-response test covers that field.
        assertThat(g.trafficSources()).isEmpty();
        assertThat(g.minSize()).isEqualTo(1);
        assertThat(g.maxSize()).isEqualTo(4);
        assertThat(g.desiredCapacity()).isEqualTo(2);
        assertThat(g.instanceIds()).hasSize(2).allSatisfy(id -> assertThat(id).startsWith("i-"));
        assertThat(g.instances()).extracting(AutoScalingInstance::instanceId).isEqualTo(g.instanceIds());
        assertThat(g.instances()).allSatisfy(i -> {
            assertThat(i.instanceType()).isEqualTo("t3.micro");
            assertThat(i.availabilityZone()).isIn("us-east-1a", "us-east-1b");
            assertThat(i.isInService()).isTrue();
            assertThat(i.healthStatus()).isEqualTo("Healthy");
        });
        assertThat(g.suspendedProcesses()).isEmpty();
        assertThat(g.capacityRebalance()).isFalse();
        assertThat(g.launchTemplate()).isEqualTo("web-lt");
        // moto echoes no version when none was given.
        assertThat(g.launchTemplateVersion()).isNull();
        assertThat(g.launchConfigurationName()).isNull();
        assertThat(g.mixedInstancesPolicy()).isFalse();
        assertThat(g.overrideInstanceTypes()).isEmpty();
        assertThat(g.usesInstanceRequirements()).isFalse();
        assertThat(g.usesSpot()).isFalse();
        assertThat(g.tags()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void collect_mixedInstancesPolicy_typesSpotAndCapacityRebalance() {
        AutoScalingGroup g = sink.one(AutoScalingGroup.class, "mixed-asg");
        assertThat(g.mixedInstancesPolicy()).isTrue();
        assertThat(g.overrideInstanceTypes()).containsExactly("t3.micro", "t3.small");
        assertThat(g.usesInstanceRequirements()).isFalse();
        assertThat(g.usesSpot()).isTrue();
        assertThat(g.capacityRebalance()).isTrue();
        assertThat(g.launchTemplate()).isEqualTo("web-lt");
        assertThat(g.launchTemplateVersion()).isEqualTo("$Latest");
    }

    @Test
    void collect_suspendedProcesses_sortedNames() {
        assertThat(sink.one(AutoScalingGroup.class, "batch-asg").suspendedProcesses())
                .containsExactly("AZRebalance", "Launch");
    }

    @Test
    void collect_groupByZones_hasNoSubnets() {
        AutoScalingGroup g = sink.one(AutoScalingGroup.class, "batch-asg");
        assertThat(g.subnetIds()).isEmpty();
        assertThat(g.availabilityZones()).containsExactly("us-east-1c");
        assertThat(g.healthCheckType()).isEqualTo("EC2");
        assertThat(g.desiredCapacity()).isZero();
        assertThat(g.instanceIds()).isEmpty();
        assertThat(g.instances()).isEmpty();
        assertThat(g.targetGroupArns()).isEmpty();
    }

    @Test
    void subnetIds_splitsTheCommaSeparatedIdentifier() {
        assertThat(AutoScalingCollector.subnetIds(" subnet-1, subnet-2 ,,subnet-1")).containsExactly("subnet-1",
                "subnet-2");
        assertThat(AutoScalingCollector.subnetIds(null)).isEmpty();
        assertThat(AutoScalingCollector.subnetIds("")).isEmpty();
    }
}
