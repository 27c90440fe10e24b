package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.ScalingPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import static org.assertj.core.api.Assertions.assertThat;

/** DescribePolicies through the Auto Scaling collector, against moto (which ignores MaxRecords: one page). */
class ScalingPolicyCollectorTest extends MotoTestBase {
    static AutoScalingClient asg;
    static Ec2Client ec2;
    static String stepArn;
    static RecordingSink sink;

    @BeforeAll
    static void createPolicies() {
        ec2 = TestSessions.client(Ec2Client.builder(), endpoint());
        asg = TestSessions.client(AutoScalingClient.builder(), endpoint());
        ec2.createLaunchTemplate(b -> b.launchTemplateName("pol-lt")
                .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("t3.micro")));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("pol-asg")
                .launchTemplate(t -> t.launchTemplateName("pol-lt")).availabilityZones("us-east-1a")
                .minSize(0).maxSize(2).desiredCapacity(0));
        asg.putScalingPolicy(b -> b.autoScalingGroupName("pol-asg").policyName("scale-out")
                .policyType("SimpleScaling").adjustmentType("ChangeInCapacity").scalingAdjustment(1));
        // moto answers PutScalingPolicy with "PolicyArn" (the API says PolicyARN), so the SDK reads null there;
        // DescribePolicies spells it right.
        stepArn = asg.describePolicies(b -> b.policyNames("scale-out")).scalingPolicies().get(0).policyARN();
        asg.putScalingPolicy(b -> b.autoScalingGroupName("pol-asg").policyName("cpu-target")
                .policyType("TargetTrackingScaling").targetTrackingConfiguration(t -> t.targetValue(50.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType("ASGAverageCPUUtilization"))));
        asg.putScalingPolicy(b -> b.autoScalingGroupName("pol-asg").policyName("gone")
                .policyType("SimpleScaling").adjustmentType("ChangeInCapacity").scalingAdjustment(-1));
        asg.deletePolicy(b -> b.autoScalingGroupName("pol-asg").policyName("gone"));
        sink = collect(AwsService.AUTOSCALING);
    }

    @AfterAll
    static void closeClients() {
        asg.close();
        ec2.close();
    }

    @Test
    void collect_policiesWithoutGaps_deletedOneAbsent() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(ScalingPolicy.class)).extracting(ScalingPolicy::name)
                .containsExactlyInAnyOrder("scale-out", "cpu-target");
    }

    @Test
    void collect_policy_fieldByField() {
        ScalingPolicy p = sink.one(ScalingPolicy.class, "scale-out");
        assertThat(p.arn()).isEqualTo(stepArn).startsWith("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:")
                .endsWith(":autoScalingGroupName/pol-asg:policyName/scale-out");
        assertThat(p.account()).isEqualTo(TestSessions.ACCOUNT);
        assertThat(p.region()).isEqualTo(TestSessions.REGION);
        assertThat(p.autoScalingGroupName()).isEqualTo("pol-asg");
        assertThat(p.policyType()).isEqualTo("SimpleScaling");
        assertThat(p.service()).isEqualTo(AwsService.AUTOSCALING);
        assertThat(sink.one(ScalingPolicy.class, "cpu-target").policyType()).isEqualTo("TargetTrackingScaling");
    }
}
