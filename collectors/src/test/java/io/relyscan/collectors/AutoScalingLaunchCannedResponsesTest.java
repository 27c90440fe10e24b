package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.inventory.ScalingActivity;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What moto cannot produce for the Auto Scaling launch lookups and activities, in the real APIs' shapes: scaling
 * activities over several pages (moto always answers none), a deleted launch template version
 * (InvalidLaunchTemplateId.VersionNotFound fails the whole DescribeLaunchTemplateVersions call), an SSM-parameter
 * AMI, and denied EC2 lookups.
 */
class AutoScalingLaunchCannedResponsesTest {
    static final String ASG_NS = "xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"";
    static final String EC2_NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
    static WireMockServer wire;
    AwsSession session;

    @BeforeAll
    static void start() {
        wire = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void open() {
        wire.resetAll();
        session = TestSessions.session(URI.create(wire.baseUrl()));
    }

    @AfterEach
    void close() {
        session.close();
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>e</RequestID></Response>");
    }

    RecordingSink collect() {
        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(AwsService.AUTOSCALING)).get(0).collect(TestSessions.SCOPE, sink);
        return sink;
    }

    static String group(String name, String launch) {
        return "<member><AutoScalingGroupName>" + name + "</AutoScalingGroupName><AutoScalingGroupARN>arn:aws:"
                + "autoscaling:us-east-1:123456789012:autoScalingGroup:9f:autoScalingGroupName/" + name
                + "</AutoScalingGroupARN>" + launch + "<MinSize>1</MinSize><MaxSize>4</MaxSize>"
                + "<DesiredCapacity>1</DesiredCapacity><AvailabilityZones><member>us-east-1a</member>"
                + "</AvailabilityZones><HealthCheckType>EC2</HealthCheckType><Instances/></member>";
    }

    /** api: lt-0123 v7; worker: lt-0123 v5 with override template lt-0456 (deleted); legacy: a launch configuration. */
    void stubGroups() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml("<DescribeAutoScalingGroupsResponse " + ASG_NS + "><DescribeAutoScalingGroupsResult>"
                        + "<AutoScalingGroups>"
                        + group("api", "<LaunchTemplate><LaunchTemplateId>lt-0123</LaunchTemplateId>"
                        + "<LaunchTemplateName>app</LaunchTemplateName><Version>7</Version></LaunchTemplate>")
                        + group("worker", "<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>"
                        + "<LaunchTemplateId>lt-0123</LaunchTemplateId><LaunchTemplateName>app</LaunchTemplateName>"
                        + "<Version>5</Version></LaunchTemplateSpecification><Overrides><member><InstanceType>m7g.large"
                        + "</InstanceType><LaunchTemplateSpecification><LaunchTemplateId>lt-0456</LaunchTemplateId>"
                        + "<LaunchTemplateName>arm</LaunchTemplateName></LaunchTemplateSpecification></member>"
                        + "<member><InstanceType>m6i.large</InstanceType></member></Overrides></LaunchTemplate>"
                        + "</MixedInstancesPolicy>")
                        + group("legacy", "<LaunchConfigurationName>legacy-lc</LaunchConfigurationName>")
                        + "</AutoScalingGroups></DescribeAutoScalingGroupsResult>"
                        + "</DescribeAutoScalingGroupsResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .willReturn(xml("<DescribePoliciesResponse " + ASG_NS + "><DescribePoliciesResult><ScalingPolicies/>"
                        + "</DescribePoliciesResult></DescribePoliciesResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeLaunchConfigurations"))
                .willReturn(xml("<DescribeLaunchConfigurationsResponse " + ASG_NS
                        + "><DescribeLaunchConfigurationsResult><LaunchConfigurations><member>"
                        + "<LaunchConfigurationName>legacy-lc</LaunchConfigurationName><LaunchConfigurationARN>arn:aws:"
                        + "autoscaling:us-east-1:123456789012:launchConfiguration:77:launchConfigurationName/legacy-lc"
                        + "</LaunchConfigurationARN><ImageId>ami-lc</ImageId><InstanceType>t3.micro</InstanceType>"
                        + "<CreatedTime>2024-01-01T00:00:00Z</CreatedTime></member></LaunchConfigurations>"
                        + "</DescribeLaunchConfigurationsResult></DescribeLaunchConfigurationsResponse>")));
    }

    static String version(String templateId, long number, boolean isDefault, String imageId) {
        return "<item><createTime>2026-01-01T00:00:00.000Z</createTime><defaultVersion>" + isDefault
                + "</defaultVersion><launchTemplateData><imageId>" + imageId + "</imageId><instanceType>t3.micro"
                + "</instanceType></launchTemplateData><launchTemplateId>" + templateId + "</launchTemplateId>"
                + "<launchTemplateName>app</launchTemplateName><versionNumber>" + number + "</versionNumber></item>";
    }

    static String versions(String items) {
        return "<DescribeLaunchTemplateVersionsResponse " + EC2_NS + "><requestId>v</requestId>"
                + "<launchTemplateVersionSet>" + items + "</launchTemplateVersionSet>"
                + "</DescribeLaunchTemplateVersionsResponse>";
    }

    /** lt-0123: default 3, latest 9 (AMI from SSM), 5 exists, 7 was deleted. lt-0456 does not exist. */
    void stubTemplates() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .withRequestBody(notContaining("LaunchTemplateId=")).willReturn(xml(versions(
                        version("lt-0123", 3, true, "ami-3")
                                + version("lt-0123", 9, false, "resolve:ssm:/golden/ami")
                                + version("lt-0999", 1, true, "ami-other")))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .withRequestBody(containing("LaunchTemplateId=lt-0123"))
                .willReturn(ec2Error(400, "InvalidLaunchTemplateId.VersionNotFound",
                        "Could not find launch template version 7 for the launch template with ID lt-0123.")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .withRequestBody(containing("LaunchTemplateId=lt-0123"))
                .withRequestBody(containing("LaunchTemplateVersion.1=5"))
                .withRequestBody(notContaining("LaunchTemplateVersion.2")).willReturn(xml(versions(
                        version("lt-0123", 5, false, "ami-5")))));
    }

    void stubImages() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeImages"))
                .willReturn(xml("<DescribeImagesResponse " + EC2_NS + "><requestId>i</requestId><imagesSet>"
                        + "<item><imageId>ami-3</imageId><imageState>available</imageState><imageOwnerId>"
                        + "123456789012</imageOwnerId><name>app-3</name><imageType>machine</imageType></item>"
                        + "<item><imageId>ami-lc</imageId><imageState>disabled</imageState><imageOwnerId>"
                        + "137112412989</imageOwnerId><name>legacy</name></item>"
                        + "</imagesSet></DescribeImagesResponse>")));
    }

    static String activity(String id, String group, String status, Instant start, Instant end, String message) {
        return "<member><ActivityId>" + id + "</ActivityId><AutoScalingGroupName>" + group
                + "</AutoScalingGroupName><Description>Launching a new EC2 instance</Description><Cause>At "
                + start + " an instance was started in response to a difference between desired and actual "
                + "capacity</Cause><StartTime>" + start + "</StartTime>" + (end == null ? "" : "<EndTime>" + end
                + "</EndTime>") + "<StatusCode>" + status + "</StatusCode>" + (message == null ? ""
                : "<StatusMessage>" + message + "</StatusMessage>") + "<Progress>100</Progress></member>";
    }

    static String activities(String members, String nextToken) {
        return "<DescribeScalingActivitiesResponse " + ASG_NS + "><DescribeScalingActivitiesResult><Activities>"
                + members + "</Activities>" + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</DescribeScalingActivitiesResult></DescribeScalingActivitiesResponse>";
    }

    void stubNoActivities() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .willReturn(xml(activities("", null))));
    }

    @Test
    void launchLookups_deletedVersionAndTemplateAreAbsentAndTheOthersFound() {
        stubGroups();
        stubTemplates();
        stubImages();
        stubNoActivities();

        RecordingSink sink = collect();

        assertThat(sink.gaps).isEmpty();
        assertThat(sink.one(AutoScalingGroup.class, "worker").launchTemplateSpecs()).containsExactly(
                new LaunchTemplateSpec("lt-0123", "app", "5"), new LaunchTemplateSpec("lt-0456", "arm", null));
        assertThat(sink.all(LaunchTemplateVersion.class))
                .extracting(LaunchTemplateVersion::launchTemplateId, LaunchTemplateVersion::versionNumber,
                        LaunchTemplateVersion::defaultVersion, LaunchTemplateVersion::latestVersion,
                        LaunchTemplateVersion::imageId)
                .containsExactlyInAnyOrder(Tuple.tuple("lt-0123", 3L, true, false, "ami-3"),
                        Tuple.tuple("lt-0123", 5L, false, false, "ami-5"),
                        Tuple.tuple("lt-0123", 9L, false, true, "resolve:ssm:/golden/ami"));
        assertThat(sink.one(LaunchConfiguration.class, "legacy-lc").imageId()).isEqualTo("ami-lc");
        // ami-5 is deregistered: absent. The SSM parameter was not looked up as an image.
        assertThat(sink.all(MachineImage.class)).extracting(MachineImage::imageId, MachineImage::state)
                .containsExactlyInAnyOrder(Tuple.tuple("ami-3", "available"), Tuple.tuple("ami-lc", "disabled"));
        // One region-wide listing, one call for both numbers of lt-0123, then one per number; none for lt-0456.
        wire.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .withRequestBody(containing("LaunchTemplateVersion.1=%24Latest"))
                .withRequestBody(containing("LaunchTemplateVersion.2=%24Default"))
                .withRequestBody(notContaining("LaunchTemplateId")));
        wire.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .withRequestBody(containing("LaunchTemplateId=lt-0123")));
        wire.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("lt-0456")));
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeImages"))
                .withRequestBody(containing("Filter.1.Name=image-id"))
                .withRequestBody(containing("IncludeDisabled=true"))
                .withRequestBody(notContaining("ImageId.1"))
                .withRequestBody(notContaining("ssm")));
        wire.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeLaunchConfigurations"))
                .withRequestBody(containing("LaunchConfigurationNames.member.1=legacy-lc")));
    }

    @Test
    void launchLookups_whenImagesDenied_recordAGapAndKeepTheTemplates() {
        stubGroups();
        stubTemplates();
        stubNoActivities();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeImages"))
                .willReturn(ec2Error(403, "UnauthorizedOperation",
                        "You are not authorized to perform this operation.")));

        RecordingSink sink = collect();

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("DescribeImages");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(LaunchTemplateVersion.class)).hasSize(3);
        assertThat(sink.all(MachineImage.class)).isEmpty();
    }

    @Test
    void activities_pagedNewestFirst_stopAtTheFirstFinishedActivityOlderThanTheWindow() {
        stubGroups();
        stubTemplates();
        stubImages();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .withRequestBody(notContaining("NextToken")).willReturn(xml(activities(
                        // In progress for three days (waiting for Spot): listed first, kept whatever its age.
                        activity("a-spot", "worker", "WaitingForSpotInstanceId", now.minus(Duration.ofDays(3)), null,
                                null)
                                + activity("a-fail", "api", "Failed", now.minus(Duration.ofHours(2)),
                                now.minus(Duration.ofHours(2)), "We currently do not have sufficient capacity"),
                        "page-2"))));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .withRequestBody(containing("NextToken=page-2")).willReturn(xml(activities(
                        activity("a-ok", "api", "Successful", now.minus(Duration.ofHours(20)),
                                now.minus(Duration.ofHours(20)), null)
                                + activity("a-old", "api", "Successful", now.minus(Duration.ofHours(30)),
                                now.minus(Duration.ofHours(30)), null),
                        "page-3"))));

        RecordingSink sink = collect();

        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(ScalingActivity.class))
                .extracting(ScalingActivity::activityId, ScalingActivity::autoScalingGroupName,
                        ScalingActivity::statusCode, ScalingActivity::endTime)
                .containsExactlyInAnyOrder(Tuple.tuple("a-spot", "worker", "WaitingForSpotInstanceId", null),
                        Tuple.tuple("a-fail", "api", "Failed", now.minus(Duration.ofHours(2)).toString()),
                        Tuple.tuple("a-ok", "api", "Successful", now.minus(Duration.ofHours(20)).toString()));
        assertThat(sink.one(ScalingActivity.class, "a-fail").statusMessage())
                .isEqualTo("We currently do not have sufficient capacity");
        assertThat(sink.one(ScalingActivity.class, "a-fail").startTime())
                .isEqualTo(now.minus(Duration.ofHours(2)).toString());
        // One region-wide listing, not one call per group; page 3 is never asked for.
        wire.verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeScalingActivities"))
                .withRequestBody(notContaining("AutoScalingGroupName")));
    }

    @Test
    void activities_whenDenied_areAGapAndTheGroupsRemain() {
        stubGroups();
        stubTemplates();
        stubImages();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<ErrorResponse " + ASG_NS + "><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>"
                                + "not authorized to perform: autoscaling:DescribeScalingActivities</Message></Error>"
                                + "<RequestId>d</RequestId></ErrorResponse>")));

        RecordingSink sink = collect();

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("DescribeScalingActivities");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(AutoScalingGroup.class)).hasSize(3);
    }
}
