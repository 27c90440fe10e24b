package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.EbsSnapshot;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.ScheduledEvent;
import io.relyscan.core.inventory.Subnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
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
 * Responses shaped like the real APIs for what moto never produces: scheduled events and impaired status checks
 * (moto reports ok/ok and no events, and ignores DescribeInstanceStatus paging), a denied DescribeInstanceStatus,
 * and Auto Scaling groups with attribute-based instance selection, a Spot distribution and suspended processes.
 */
class AsgAndEc2CannedResponsesTest {
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

    RecordingSink collect(AwsService service) {
        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(service)).get(0).collect(TestSessions.SCOPE, sink);
        return sink;
    }

    static final String EC2_NS = "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";

    void stubEc2Listings() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAvailabilityZones"))
                .willReturn(xml("<DescribeAvailabilityZonesResponse " + EC2_NS + "><requestId>z</requestId>"
                        + "<availabilityZoneInfo/></DescribeAvailabilityZonesResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets"))
                .willReturn(xml("<DescribeSubnetsResponse " + EC2_NS + "><requestId>s</requestId><subnetSet>"
                        + "<item><subnetId>subnet-aaa</subnetId><vpcId>vpc-1</vpcId>"
                        + "<availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az1"
                        + "</availabilityZoneId><availableIpAddressCount>3</availableIpAddressCount>"
                        + "<cidrBlock>10.0.0.0/28</cidrBlock></item></subnetSet></DescribeSubnetsResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .willReturn(xml("""
                        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>i</requestId>
                         <reservationSet>
                          <item>
                           <reservationId>r-1</reservationId><ownerId>123456789012</ownerId>
                           <instancesSet>
                            <item>
                             <instanceId>i-0aaa</instanceId><instanceType>m7g.large</instanceType>
                             <instanceState><code>16</code><name>running</name></instanceState>
                             <placement><availabilityZone>us-east-1a</availabilityZone></placement>
                             <subnetId>subnet-aaa</subnetId>
                             <monitoring><state>pending</state></monitoring>
                             <tagSet><item><key>aws:autoscaling:groupName</key><value>api</value></item></tagSet>
                            </item>
                            <item>
                             <instanceId>i-0bbb</instanceId><instanceType>m7g.large</instanceType>
                             <instanceState><code>16</code><name>running</name></instanceState>
                             <placement><availabilityZone>us-east-1a</availabilityZone></placement>
                             <subnetId>subnet-aaa</subnetId>
                             <monitoring><state>enabled</state></monitoring>
                            </item>
                           </instancesSet>
                          </item>
                         </reservationSet>
                        </DescribeInstancesResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes"))
                .willReturn(xml("<DescribeInstanceTypesResponse " + EC2_NS + "><requestId>t</requestId>"
                        + "<instanceTypeSet><item><instanceType>m7g.large</instanceType>"
                        + "<autoRecoverySupported>true</autoRecoverySupported></item></instanceTypeSet>"
                        + "</DescribeInstanceTypesResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVolumes"))
                .willReturn(xml("<DescribeVolumesResponse " + EC2_NS + "><requestId>v</requestId><volumeSet/>"
                        + "</DescribeVolumesResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots"))
                .willReturn(xml("<DescribeSnapshotsResponse " + EC2_NS + "><requestId>n</requestId><snapshotSet/>"
                        + "</DescribeSnapshotsResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus"))
                .atPriority(10).willReturn(xml("<DescribeInstanceStatusResponse " + EC2_NS
                        + "><requestId>st</requestId><instanceStatusSet/></DescribeInstanceStatusResponse>")));
    }

    static final String EC2_ERROR_DENIED = "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You "
            + "are not authorized to perform this operation.</Message></Error></Errors><RequestID>x</RequestID>"
            + "</Response>";

    @Test
    void ec2_recoveryOptionsAndInstanceTypeSupport_fromDescribeInstancesAndFilteredInstanceTypes() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances"))
                .willReturn(xml("""
                        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>i</requestId>
                         <reservationSet>
                          <item>
                           <reservationId>r-1</reservationId><ownerId>123456789012</ownerId>
                           <instancesSet>
                            <item>
                             <instanceId>i-0aaa</instanceId><instanceType>m5d.large</instanceType>
                             <instanceState><code>16</code><name>running</name></instanceState>
                             <rootDeviceType>ebs</rootDeviceType>
                             <maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions>
                            </item>
                            <item>
                             <instanceId>i-0bbb</instanceId><instanceType>m7g.large</instanceType>
                             <instanceState><code>16</code><name>running</name></instanceState>
                             <rootDeviceType>instance-store</rootDeviceType>
                             <maintenanceOptions><autoRecovery>disabled</autoRecovery></maintenanceOptions>
                            </item>
                            <item>
                             <instanceId>i-0ccc</instanceId><instanceType>m7g.large</instanceType>
                             <instanceState><code>80</code><name>stopped</name></instanceState>
                             <rootDeviceType>ebs</rootDeviceType>
                             <maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions>
                            </item>
                           </instancesSet>
                          </item>
                         </reservationSet>
                        </DescribeInstancesResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes"))
                .withRequestBody(notContaining("NextToken=")).willReturn(xml("""
                        <DescribeInstanceTypesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>t1</requestId>
                         <instanceTypeSet>
                          <item>
                           <instanceType>m5d.large</instanceType><autoRecoverySupported>false</autoRecoverySupported>
                           <instanceStorageSupported>true</instanceStorageSupported>
                          </item>
                         </instanceTypeSet>
                         <nextToken>types-2</nextToken>
                        </DescribeInstanceTypesResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes"))
                .withRequestBody(containing("NextToken=types-2")).willReturn(xml("""
                        <DescribeInstanceTypesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>t2</requestId>
                         <instanceTypeSet>
                          <item>
                           <instanceType>m7g.large</instanceType><autoRecoverySupported>true</autoRecoverySupported>
                          </item>
                         </instanceTypeSet>
                        </DescribeInstanceTypesResponse>""")));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).isEmpty();
        Ec2Instance a = sink.one(Ec2Instance.class, "i-0aaa");
        assertThat(a.autoRecovery()).isEqualTo("default");
        assertThat(a.autoRecoverySupported()).isFalse();
        assertThat(a.rootDeviceType()).isEqualTo("ebs");
        Ec2Instance b = sink.one(Ec2Instance.class, "i-0bbb");
        assertThat(b.autoRecovery()).isEqualTo("disabled");
        assertThat(b.autoRecoverySupported()).isTrue();
        assertThat(b.rootDeviceType()).isEqualTo("instance-store");
        // Only the types in use, once each, through the filter; never the whole catalogue.
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes"))
                .withRequestBody(containing("Filter.1.Name=instance-type"))
                .withRequestBody(containing("Filter.1.Value.1=m5d.large"))
                .withRequestBody(containing("Filter.1.Value.2=m7g.large"))
                .withRequestBody(notContaining("Filter.1.Value.3"))
                .withRequestBody(notContaining("NextToken=")));
    }

    @Test
    void ec2_whenInstanceTypesDenied_leavesSupportNullAndRecordsAGap() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                        .withBody(EC2_ERROR_DENIED)));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("DescribeInstanceTypes");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(Ec2Instance.class)).hasSize(2)
                .allSatisfy(i -> assertThat(i.autoRecoverySupported()).isNull());
    }

    @Test
    void ec2_volumesAndOwnSnapshotsAcrossPages() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVolumes"))
                .withRequestBody(notContaining("NextToken=")).willReturn(xml("""
                        <DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>v1</requestId>
                         <volumeSet>
                          <item>
                           <volumeId>vol-0multi</volumeId><size>100</size><availabilityZone>us-east-1a</availabilityZone>
                           <status>in-use</status><createTime>2026-01-01T00:00:00.000Z</createTime>
                           <attachmentSet>
                            <item><volumeId>vol-0multi</volumeId><instanceId>i-0bbb</instanceId><device>/dev/sdf</device><status>attached</status></item>
                            <item><volumeId>vol-0multi</volumeId><instanceId>i-0aaa</instanceId><device>/dev/sdf</device><status>attached</status></item>
                           </attachmentSet>
                           <volumeType>io2</volumeType><multiAttachEnabled>true</multiAttachEnabled>
                           <tagSet><item><key>Name</key><value>shared</value></item></tagSet>
                          </item>
                         </volumeSet>
                         <nextToken>vols-2</nextToken>
                        </DescribeVolumesResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVolumes"))
                .withRequestBody(containing("NextToken=vols-2")).willReturn(xml("""
                        <DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>v2</requestId>
                         <volumeSet>
                          <item>
                           <volumeId>vol-0loose</volumeId><size>8</size><availabilityZone>us-east-1b</availabilityZone>
                           <status>available</status><attachmentSet/><volumeType>gp3</volumeType>
                          </item>
                         </volumeSet>
                        </DescribeVolumesResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots"))
                .withRequestBody(notContaining("NextToken=")).willReturn(xml("""
                        <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>s1</requestId>
                         <snapshotSet>
                          <item>
                           <snapshotId>snap-0arch</snapshotId><volumeId>vol-0multi</volumeId><status>completed</status>
                           <startTime>2026-08-01T05:00:00.000Z</startTime><progress>100%</progress>
                           <ownerId>123456789012</ownerId><volumeSize>100</volumeSize><storageTier>archive</storageTier>
                           <tagSet><item><key>aws:backup:source-resource</key><value>vol-0multi</value></item></tagSet>
                          </item>
                         </snapshotSet>
                         <nextToken>snaps-2</nextToken>
                        </DescribeSnapshotsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots"))
                .withRequestBody(containing("NextToken=snaps-2")).willReturn(xml("""
                        <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>s2</requestId>
                         <snapshotSet>
                          <item>
                           <snapshotId>snap-0new</snapshotId><volumeId>vol-0multi</volumeId><status>pending</status>
                           <startTime>2026-11-28T05:00:00.000Z</startTime><progress>40%</progress>
                           <ownerId>123456789012</ownerId><storageTier>standard</storageTier>
                          </item>
                         </snapshotSet>
                        </DescribeSnapshotsResponse>""")));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).isEmpty();
        EbsVolume multi = sink.one(EbsVolume.class, "vol-0multi");
        assertThat(multi.attachedInstanceIds()).containsExactly("i-0aaa", "i-0bbb");
        assertThat(multi.volumeType()).isEqualTo("io2");
        assertThat(multi.sizeGib()).isEqualTo(100);
        assertThat(multi.tags()).containsEntry("Name", "shared");
        assertThat(sink.one(EbsVolume.class, "vol-0loose").attachedInstanceIds()).isEmpty();
        EbsSnapshot archived = sink.one(EbsSnapshot.class, "snap-0arch");
        assertThat(archived.storageTier()).isEqualTo("archive");
        assertThat(archived.startTime()).isEqualTo("2026-08-01T05:00:00Z");
        assertThat(archived.volumeId()).isEqualTo("vol-0multi");
        assertThat(archived.tags()).containsEntry("aws:backup:source-resource", "vol-0multi");
        assertThat(sink.one(EbsSnapshot.class, "snap-0new").state()).isEqualTo("pending");
        // Own snapshots only: without OwnerIds=self AWS lists every public snapshot as well.
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots"))
                .withRequestBody(containing("Owner.1=self")));
    }

    @Test
    void ec2_whenSnapshotsDenied_keepsTheRestAndRecordsAGap() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSnapshots"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                        .withBody(EC2_ERROR_DENIED)));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("DescribeSnapshots");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(Ec2Instance.class)).hasSize(2);
    }

    @Test
    void ec2_statusAndScheduledEventsAcrossPages_mergedIntoInstances() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus"))
                .withRequestBody(notContaining("NextToken=")).willReturn(xml("""
                        <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>st1</requestId>
                         <instanceStatusSet>
                          <item>
                           <instanceId>i-0aaa</instanceId><availabilityZone>us-east-1a</availabilityZone>
                           <eventsSet>
                            <item>
                             <instanceEventId>instance-event-0abc</instanceEventId>
                             <code>instance-retirement</code>
                             <description>The instance is running on degraded hardware</description>
                             <notBefore>2026-12-05T00:00:00.000Z</notBefore>
                             <notAfter>2026-12-06T00:00:00.000Z</notAfter>
                            </item>
                            <item>
                             <instanceEventId>instance-event-0def</instanceEventId>
                             <code>system-reboot</code>
                             <description>[Completed] Scheduled reboot</description>
                             <notBefore>2026-11-01T00:00:00.000Z</notBefore>
                            </item>
                           </eventsSet>
                           <instanceState><code>16</code><name>running</name></instanceState>
                           <systemStatus><status>impaired</status><details><item><name>reachability</name><status>failed</status><impairedSince>2026-11-28T10:00:00.000Z</impairedSince></item></details></systemStatus>
                           <instanceStatus><status>ok</status><details><item><name>reachability</name><status>passed</status></item></details></instanceStatus>
                          </item>
                         </instanceStatusSet>
                         <nextToken>page-2</nextToken>
                        </DescribeInstanceStatusResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus"))
                .withRequestBody(containing("NextToken=page-2")).willReturn(xml("""
                        <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                         <requestId>st2</requestId>
                         <instanceStatusSet>
                          <item>
                           <instanceId>i-0bbb</instanceId><availabilityZone>us-east-1a</availabilityZone>
                           <instanceState><code>16</code><name>running</name></instanceState>
                           <systemStatus><status>ok</status></systemStatus>
                           <instanceStatus><status>insufficient-data</status></instanceStatus>
                          </item>
                         </instanceStatusSet>
                        </DescribeInstanceStatusResponse>""")));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).isEmpty();
        Ec2Instance a = sink.one(Ec2Instance.class, "i-0aaa");
        assertThat(a.systemStatus()).isEqualTo("impaired");
        assertThat(a.instanceStatus()).isEqualTo("ok");
        assertThat(a.monitoringState()).isEqualTo("pending");
        assertThat(a.autoScalingGroupName()).isEqualTo("api");
        assertThat(a.scheduledEvents()).containsExactly(
                new ScheduledEvent("instance-retirement", "2026-12-05T00:00:00Z",
                        "The instance is running on degraded hardware", ScheduledEvent.SCHEDULED),
                new ScheduledEvent("system-reboot", "2026-11-01T00:00:00Z", "[Completed] Scheduled reboot",
                        ScheduledEvent.COMPLETED));
        Ec2Instance b = sink.one(Ec2Instance.class, "i-0bbb");
        assertThat(b.instanceStatus()).isEqualTo("insufficient-data");
        assertThat(b.scheduledEvents()).isEmpty();
        assertThat(b.autoScalingGroupName()).isNull();
        assertThat(sink.one(Subnet.class, "subnet-aaa").availableIpAddressCount()).isEqualTo(3);
        // One bulk listing with every instance, stopped ones included; no call per instance.
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus"))
                .withRequestBody(containing("IncludeAllInstances=true"))
                .withRequestBody(notContaining("InstanceId.")));
    }

    @Test
    void ec2_whenInstanceStatusDenied_keepsInstancesWithNullStatusAndRecordsAGap() {
        stubEc2Listings();
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceStatus"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                        "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized"
                                + " to perform this operation.</Message></Error></Errors><RequestID>x</RequestID>"
                                + "</Response>")));

        RecordingSink sink = collect(AwsService.EC2);

        assertThat(sink.gaps).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("DescribeInstanceStatus");
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
        });
        assertThat(sink.all(Ec2Instance.class)).hasSize(2).allSatisfy(i -> {
            assertThat(i.systemStatus()).isNull();
            assertThat(i.instanceStatus()).isNull();
            assertThat(i.scheduledEvents()).isNull();
            assertThat(i.monitoringState()).isNotNull();
        });
    }

    @Test
    void autoScaling_attributeBasedSpotGroupWithSuspendedProcesses() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml("""
                        <DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                         <DescribeAutoScalingGroupsResult>
                          <AutoScalingGroups>
                           <member>
                            <AutoScalingGroupName>spot</AutoScalingGroupName>
                            <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:9f:autoScalingGroupName/spot</AutoScalingGroupARN>
                            <MixedInstancesPolicy>
                             <LaunchTemplate>
                              <LaunchTemplateSpecification><LaunchTemplateId>lt-0123</LaunchTemplateId><Version>7</Version></LaunchTemplateSpecification>
                              <Overrides>
                               <member><InstanceRequirements><VCpuCount><Min>2</Min><Max>8</Max></VCpuCount><MemoryMiB><Min>4096</Min></MemoryMiB></InstanceRequirements></member>
                              </Overrides>
                             </LaunchTemplate>
                             <InstancesDistribution><OnDemandBaseCapacity>0</OnDemandBaseCapacity><OnDemandPercentageAboveBaseCapacity>0</OnDemandPercentageAboveBaseCapacity><SpotAllocationStrategy>price-capacity-optimized</SpotAllocationStrategy></InstancesDistribution>
                            </MixedInstancesPolicy>
                            <MinSize>2</MinSize><MaxSize>10</MaxSize><DesiredCapacity>2</DesiredCapacity>
                            <AvailabilityZones><member>us-east-1a</member><member>us-east-1b</member></AvailabilityZones>
                            <VPCZoneIdentifier>subnet-aaa,subnet-bbb</VPCZoneIdentifier>
                            <HealthCheckType>EC2</HealthCheckType>
                            <Instances>
                             <member><InstanceId>i-0001</InstanceId><InstanceType>c7g.xlarge</InstanceType><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>
                             <member><InstanceId>i-0002</InstanceId><InstanceType>m6g.large</InstanceType><AvailabilityZone>us-east-1b</AvailabilityZone><LifecycleState>Pending</LifecycleState><HealthStatus>Unhealthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>
                            </Instances>
                            <SuspendedProcesses>
                             <member><ProcessName>ReplaceUnhealthy</ProcessName><SuspensionReason>User suspended at 2026-11-20T10:00:00Z</SuspensionReason></member>
                             <member><ProcessName>AlarmNotification</ProcessName><SuspensionReason>User suspended at 2026-11-20T10:00:00Z</SuspensionReason></member>
                            </SuspendedProcesses>
                            <CapacityRebalance>false</CapacityRebalance>
                           </member>
                          </AutoScalingGroups>
                         </DescribeAutoScalingGroupsResult>
                        </DescribeAutoScalingGroupsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .willReturn(xml(SnsAndPolicyCannedResponsesTest.NO_POLICIES)));

        // Activities and launch lookups (AutoScalingLaunchCannedResponsesTest covers them): none, and lt-0123 gone.
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .willReturn(xml("<DescribeScalingActivitiesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/"
                        + "2011-01-01/\"><DescribeScalingActivitiesResult><Activities/></DescribeScalingActivitiesResult>"
                        + "</DescribeScalingActivitiesResponse>")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeLaunchTemplateVersions"))
                .willReturn(xml("<DescribeLaunchTemplateVersionsResponse " + EC2_NS + "><requestId>l</requestId>"
                        + "<launchTemplateVersionSet/></DescribeLaunchTemplateVersionsResponse>")));
        RecordingSink sink = collect(AwsService.AUTOSCALING);

        assertThat(sink.gaps).isEmpty();
        AutoScalingGroup g = sink.one(AutoScalingGroup.class, "spot");
        assertThat(g.mixedInstancesPolicy()).isTrue();
        assertThat(g.usesInstanceRequirements()).isTrue();
        assertThat(g.overrideInstanceTypes()).isEmpty();
        assertThat(g.usesSpot()).isTrue();
        assertThat(g.capacityRebalance()).isFalse();
        assertThat(g.launchTemplate()).isEqualTo("lt-0123");
        assertThat(g.launchTemplateVersion()).isEqualTo("7");
        assertThat(g.suspendedProcesses()).containsExactly("AlarmNotification", "ReplaceUnhealthy");
        assertThat(g.instances()).containsExactly(
                new AutoScalingInstance("i-0001", "c7g.xlarge", "us-east-1a", "InService", "Healthy"),
                new AutoScalingInstance("i-0002", "m6g.large", "us-east-1b", "Pending", "Unhealthy"));
    }
}
