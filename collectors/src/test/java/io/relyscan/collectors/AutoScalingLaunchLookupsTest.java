package io.relyscan.collectors;

import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.inventory.ScalingActivity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launch dependencies against moto: launch templates with default, latest and numbered versions, a deleted
 * override template, a deleted launch configuration and a deregistered AMI. moto has no DeleteLaunchTemplateVersions
 * and never returns scaling activities; the canned-response test covers those.
 */
class AutoScalingLaunchLookupsTest extends MotoTestBase {
    static Ec2Client ec2;
    static AutoScalingClient asg;
    static String liveAmi;
    static String goneAmi;
    static String appTemplateId;
    static String armTemplateId;
    static RecordingSink sink;

    @BeforeAll
    static void createGroups() {
        ec2 = TestSessions.client(Ec2Client.builder(), endpoint());
        asg = TestSessions.client(AutoScalingClient.builder(), endpoint());
        liveAmi = ec2.registerImage(b -> b.name("live").rootDeviceName("/dev/xvda")).imageId();
        goneAmi = ec2.registerImage(b -> b.name("gone").rootDeviceName("/dev/xvda")).imageId();
        appTemplateId = ec2.createLaunchTemplate(b -> b.launchTemplateName("app-lt")
                .launchTemplateData(d -> d.imageId(liveAmi).instanceType("t3.micro"))).launchTemplate()
                .launchTemplateId();
        ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(appTemplateId)
                .launchTemplateData(d -> d.imageId(goneAmi).instanceType("t3.micro")));
        ec2.createLaunchTemplateVersion(b -> b.launchTemplateId(appTemplateId)
                .launchTemplateData(d -> d.imageId(liveAmi).instanceType("t3.small")));
        armTemplateId = ec2.createLaunchTemplate(b -> b.launchTemplateName("arm-lt")
                .launchTemplateData(d -> d.imageId(liveAmi).instanceType("t4g.micro"))).launchTemplate()
                .launchTemplateId();
        ec2.createLaunchTemplate(b -> b.launchTemplateName("unused-lt")
                .launchTemplateData(d -> d.imageId(goneAmi).instanceType("t3.micro")));
        asg.createLaunchConfiguration(b -> b.launchConfigurationName("web-lc").imageId(liveAmi)
                .instanceType("t3.micro"));
        asg.createLaunchConfiguration(b -> b.launchConfigurationName("old-lc").imageId(liveAmi)
                .instanceType("t3.micro"));

        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("app-latest").availabilityZones("us-east-1a")
                .launchTemplate(t -> t.launchTemplateId(appTemplateId).version("$Latest"))
                .minSize(0).maxSize(2).desiredCapacity(1));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("app-v2").availabilityZones("us-east-1a")
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("2")).minSize(0).maxSize(2)
                .desiredCapacity(0));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("app-v9").availabilityZones("us-east-1a")
                .launchTemplate(t -> t.launchTemplateId(appTemplateId).version("9")).minSize(0).maxSize(2)
                .desiredCapacity(0));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("mixed").availabilityZones("us-east-1a")
                .mixedInstancesPolicy(p -> p.launchTemplate(t -> t
                        .launchTemplateSpecification(s -> s.launchTemplateId(appTemplateId))
                        .overrides(o -> o.instanceType("t3.small"), o -> o.instanceType("t4g.small")
                                .launchTemplateSpecification(s -> s.launchTemplateId(armTemplateId)
                                        .version("$Latest")))))
                .minSize(0).maxSize(2).desiredCapacity(0));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("lc").availabilityZones("us-east-1a")
                .launchConfigurationName("web-lc").minSize(0).maxSize(2).desiredCapacity(0));
        asg.createAutoScalingGroup(b -> b.autoScalingGroupName("lc-gone").availabilityZones("us-east-1a")
                .launchConfigurationName("old-lc").minSize(0).maxSize(2).desiredCapacity(0));
        // Deleted after the groups were created: the groups keep referencing them.
        ec2.deleteLaunchTemplate(b -> b.launchTemplateId(armTemplateId));
        asg.deleteLaunchConfiguration(b -> b.launchConfigurationName("old-lc"));
        ec2.deregisterImage(b -> b.imageId(goneAmi));
        sink = collect(AwsService.AUTOSCALING);
    }

    @AfterAll
    static void closeClients() {
        ec2.close();
        asg.close();
    }

    @Test
    void collect_looksUpWithoutGapsAndMotoReturnsNoActivities() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(ScalingActivity.class)).isEmpty();
    }

    @Test
    void collect_groupsKeepEveryTemplateReferenceWithIdNameAndVersion() {
        assertThat(sink.one(AutoScalingGroup.class, "app-latest").launchTemplateSpecs())
                .containsExactly(new LaunchTemplateSpec(appTemplateId, "app-lt", "$Latest"));
        assertThat(sink.one(AutoScalingGroup.class, "app-v2").launchTemplateSpecs())
                .containsExactly(new LaunchTemplateSpec(appTemplateId, "app-lt", "2"));
        // moto echoes no version for the policy's template when none was given (AWS then uses $Default).
        assertThat(sink.one(AutoScalingGroup.class, "mixed").launchTemplateSpecs()).extracting(
                LaunchTemplateSpec::launchTemplateId).containsExactly(appTemplateId, armTemplateId);
        assertThat(sink.one(AutoScalingGroup.class, "lc").launchTemplateSpecs()).isEmpty();
    }

    @Test
    void collect_referencedVersions_defaultLatestAndNumberedOnly() {
        assertThat(sink.all(LaunchTemplateVersion.class))
                .extracting(LaunchTemplateVersion::launchTemplateId, LaunchTemplateVersion::launchTemplateName,
                        LaunchTemplateVersion::versionNumber, LaunchTemplateVersion::defaultVersion,
                        LaunchTemplateVersion::latestVersion, LaunchTemplateVersion::imageId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(appTemplateId, "app-lt", 1L, true, false, liveAmi),
                        org.assertj.core.groups.Tuple.tuple(appTemplateId, "app-lt", 2L, false, false, goneAmi),
                        org.assertj.core.groups.Tuple.tuple(appTemplateId, "app-lt", 3L, false, true, liveAmi));
        // Version 9 (never created), the deleted arm-lt and the unreferenced unused-lt have no record.
    }

    @Test
    void collect_referencedLaunchConfigurationsOnly() {
        assertThat(sink.all(LaunchConfiguration.class)).singleElement().satisfies(lc -> {
            assertThat(lc.name()).isEqualTo("web-lc");
            assertThat(lc.imageId()).isEqualTo(liveAmi);
            assertThat(lc.arn()).startsWith("arn:aws:autoscaling:us-east-1:")
                    .contains("launchConfigurationName/web-lc");
        });
    }

    @Test
    void collect_imagesThatStillExist_deregisteredOnesAreAbsentNotAGap() {
        assertThat(sink.all(MachineImage.class)).singleElement().satisfies(i -> {
            assertThat(i.imageId()).isEqualTo(liveAmi);
            assertThat(i.name()).isEqualTo("live");
            assertThat(i.state()).isEqualTo("available");
            assertThat(i.arn()).isEqualTo("arn:aws:ec2:us-east-1:" + TestSessions.ACCOUNT + ":image/" + liveAmi);
        });
    }
}
