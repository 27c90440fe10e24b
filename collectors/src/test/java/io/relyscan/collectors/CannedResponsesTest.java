package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.TrafficSource;
import io.relyscan.core.scan.CollectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Responses shaped like the real APIs for the fields and behaviours moto does not produce: secondary AZ and AWS
 * Backup recovery points on RDS, Auto Scaling traffic sources, composite alarms, multi-page listings and a page
 * that needs a retry.
 */
class CannedResponsesTest {
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

    static final String RDS_PAGE_1 = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBInstancesResult>
              <DBInstances>
               <DBInstance>
                <DBInstanceIdentifier>payments</DBInstanceIdentifier>
                <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:payments</DBInstanceArn>
                <Engine>postgres</Engine><EngineVersion>16.4</EngineVersion>
                <DBInstanceClass>db.r6g.xlarge</DBInstanceClass><DBInstanceStatus>available</DBInstanceStatus>
                <MultiAZ>true</MultiAZ>
                <AvailabilityZone>us-east-1a</AvailabilityZone>
                <SecondaryAvailabilityZone>us-east-1d</SecondaryAvailabilityZone>
                <BackupRetentionPeriod>0</BackupRetentionPeriod>
                <DeletionProtection>true</DeletionProtection>
                <AwsBackupRecoveryPointArn>arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc-1234</AwsBackupRecoveryPointArn>
                <ReadReplicaDBInstanceIdentifiers>
                 <ReadReplicaDBInstanceIdentifier>payments-ro</ReadReplicaDBInstanceIdentifier>
                 <ReadReplicaDBInstanceIdentifier>arn:aws:rds:us-west-2:123456789012:db:payments-dr</ReadReplicaDBInstanceIdentifier>
                </ReadReplicaDBInstanceIdentifiers>
                <TagList><Tag><Key>env</Key><Value>prod</Value></Tag></TagList>
               </DBInstance>
              </DBInstances>
              <Marker>page-2</Marker>
             </DescribeDBInstancesResult>
             <ResponseMetadata><RequestId>p1</RequestId></ResponseMetadata>
            </DescribeDBInstancesResponse>""";

    static final String RDS_PAGE_2 = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBInstancesResult>
              <DBInstances>
               <DBInstance>
                <DBInstanceIdentifier>payments-ro</DBInstanceIdentifier>
                <Engine>postgres</Engine><DBInstanceStatus>available</DBInstanceStatus>
                <MultiAZ>false</MultiAZ><AvailabilityZone>us-east-1b</AvailabilityZone>
                <ReadReplicaSourceDBInstanceIdentifier>payments</ReadReplicaSourceDBInstanceIdentifier>
                <ReadReplicaDBInstanceIdentifiers/>
               </DBInstance>
              </DBInstances>
             </DescribeDBInstancesResult>
             <ResponseMetadata><RequestId>p2</RequestId></ResponseMetadata>
            </DescribeDBInstancesResponse>""";

    static final String RDS_CLUSTERS = """
            <DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBClustersResult>
              <DBClusters>
               <DBCluster>
                <DBClusterIdentifier>global-secondary</DBClusterIdentifier>
                <DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:global-secondary</DBClusterArn>
                <Engine>aurora-mysql</Engine><EngineMode>provisioned</EngineMode><Status>available</Status>
                <MultiAZ>false</MultiAZ>
                <AvailabilityZones><AvailabilityZone>us-east-1a</AvailabilityZone></AvailabilityZones>
                <DBClusterMembers/>
                <BackupRetentionPeriod>1</BackupRetentionPeriod><DeletionProtection>false</DeletionProtection>
                <GlobalClusterIdentifier>orders-global</GlobalClusterIdentifier>
                <ReplicationSourceIdentifier>arn:aws:rds:us-west-2:123456789012:cluster:orders-primary</ReplicationSourceIdentifier>
               </DBCluster>
              </DBClusters>
             </DescribeDBClustersResult>
            </DescribeDBClustersResponse>""";

    static void stubEmptyRdsSecondaryListings() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBSubnetGroups"))
                .willReturn(xml("""
                        <DescribeDBSubnetGroupsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                         <DescribeDBSubnetGroupsResult><DBSubnetGroups/></DescribeDBSubnetGroupsResult>
                        </DescribeDBSubnetGroupsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeEventSubscriptions"))
                .willReturn(xml("""
                        <DescribeEventSubscriptionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                         <DescribeEventSubscriptionsResult><EventSubscriptionsList/></DescribeEventSubscriptionsResult>
                        </DescribeEventSubscriptionsResponse>""")));
    }

    @Test
    void rds_fieldsMotoNeverSets_andASecondPageAfterARetriedFetch() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances"))
                .withRequestBody(notContaining("Marker=")).willReturn(xml(RDS_PAGE_1)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances"))
                .withRequestBody(containing("Marker=page-2")).inScenario("p2").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances"))
                .withRequestBody(containing("Marker=page-2")).inScenario("p2").whenScenarioStateIs("recovered")
                .willReturn(xml(RDS_PAGE_2)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBClusters"))
                .willReturn(xml(RDS_CLUSTERS)));
        stubEmptyRdsSecondaryListings();

        RecordingSink sink = collect(AwsService.RDS);

        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(DbInstance.class)).extracting(DbInstance::identifier)
                .containsExactly("payments", "payments-ro");
        DbInstance db = sink.one(DbInstance.class, "payments");
        assertThat(db.multiAz()).isTrue();
        assertThat(db.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(db.secondaryAvailabilityZone()).isEqualTo("us-east-1d");
        assertThat(db.backupRetentionPeriod()).isZero();
        assertThat(db.awsBackupRecoveryPointArn())
                .isEqualTo("arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc-1234");
        assertThat(db.readReplicaIdentifiers()).containsExactly("payments-ro",
                "arn:aws:rds:us-west-2:123456789012:db:payments-dr");
        assertThat(db.tags()).isEqualTo(Map.of("env", "prod"));
        DbInstance replica = sink.one(DbInstance.class, "payments-ro");
        assertThat(replica.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:payments-ro");
        assertThat(replica.readReplicaSourceIdentifier()).isEqualTo("payments");
        assertThat(replica.engineVersion()).isNull();
        assertThat(replica.backupRetentionPeriod()).isNull();

        DbCluster cluster = sink.one(DbCluster.class, "global-secondary");
        assertThat(cluster.globalClusterIdentifier()).isEqualTo("orders-global");
        assertThat(cluster.replicationSourceIdentifier())
                .isEqualTo("arn:aws:rds:us-west-2:123456789012:cluster:orders-primary");
        assertThat(cluster.members()).isEmpty();

        // Page 1 once, page 2 twice (503 then success): the retry did not restart from the first page.
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstances")))).hasSize(3);
        // Two instance pages (the second retried once), then the clusters, subnet groups and subscriptions.
        assertThat(session.telemetry()).singleElement().satisfies(t -> {
            assertThat(t.calls()).isEqualTo(5);
            assertThat(t.retries()).isEqualTo(1);
        });
    }

    @Test
    void rds_whenTheSecondListingIsDenied_keepsTheFirstAndRecordsAGap() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances"))
                .withRequestBody(notContaining("Marker=")).willReturn(xml(RDS_PAGE_2)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBClusters"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>""")));
        stubEmptyRdsSecondaryListings();

        RecordingSink sink = collect(AwsService.RDS);

        assertThat(sink.all(DbInstance.class)).hasSize(1);
        assertThat(sink.gaps).singleElement().satisfies(g -> assertThat(g.operation()).isEqualTo("DescribeDBClusters"));
    }

    @Test
    void rds_whenEveryListingFails_throwsTheFirstAndRecordsTheRest() {
        wire.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>""")));

        RecordingSink sink = new RecordingSink();
        CollectionException e = catchThrowableOfType(CollectionException.class,
                () -> session.collectors(Set.of(AwsService.RDS)).get(0).collect(TestSessions.SCOPE, sink));

        assertThat(e.operation()).isEqualTo("DescribeDBInstances");
        assertThat(sink.gaps).extracting(g -> g.operation()).containsExactly("DescribeDBClusters",
                "DescribeDBSubnetGroups", "DescribeEventSubscriptions");
        assertThat(sink.resources).isEmpty();
    }

    @Test
    void autoScaling_trafficSourcesFromTheBulkResponse_acrossPages() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .withRequestBody(notContaining("NextToken=")).willReturn(xml("""
                        <DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                         <DescribeAutoScalingGroupsResult>
                          <AutoScalingGroups>
                           <member>
                            <AutoScalingGroupName>api</AutoScalingGroupName>
                            <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b:autoScalingGroupName/api</AutoScalingGroupARN>
                            <MinSize>2</MinSize><MaxSize>6</MaxSize><DesiredCapacity>3</DesiredCapacity>
                            <AvailabilityZones><member>us-east-1a</member><member>us-east-1b</member></AvailabilityZones>
                            <VPCZoneIdentifier>subnet-aaa, subnet-bbb</VPCZoneIdentifier>
                            <HealthCheckType>ELB</HealthCheckType><HealthCheckGracePeriod>90</HealthCheckGracePeriod>
                            <LoadBalancerNames><member>legacy-clb</member></LoadBalancerNames>
                            <TargetGroupARNs><member>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/abc</member></TargetGroupARNs>
                            <TrafficSources>
                             <member><Identifier>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/abc</Identifier><Type>elbv2</Type></member>
                             <member><Identifier>legacy-clb</Identifier><Type>elb</Type></member>
                             <member><Identifier>arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123</Identifier><Type>vpc-lattice</Type></member>
                            </TrafficSources>
                            <Instances>
                             <member><InstanceId>i-0001</InstanceId><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>
                            </Instances>
                            <Tags><member><Key>env</Key><Value>prod</Value><ResourceId>api</ResourceId><ResourceType>auto-scaling-group</ResourceType><PropagateAtLaunch>true</PropagateAtLaunch></member></Tags>
                            <CreatedTime>2026-01-01T00:00:00Z</CreatedTime>
                           </member>
                          </AutoScalingGroups>
                          <NextToken>api</NextToken>
                         </DescribeAutoScalingGroupsResult>
                        </DescribeAutoScalingGroupsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .withRequestBody(containing("NextToken=api")).willReturn(xml("""
                        <DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                         <DescribeAutoScalingGroupsResult>
                          <AutoScalingGroups>
                           <member>
                            <AutoScalingGroupName>worker</AutoScalingGroupName>
                            <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:3c4d:autoScalingGroupName/worker</AutoScalingGroupARN>
                            <MinSize>1</MinSize><MaxSize>1</MaxSize><DesiredCapacity>1</DesiredCapacity>
                            <AvailabilityZones><member>us-east-1a</member></AvailabilityZones>
                            <HealthCheckType>EC2</HealthCheckType>
                           </member>
                          </AutoScalingGroups>
                         </DescribeAutoScalingGroupsResult>
                        </DescribeAutoScalingGroupsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribePolicies"))
                .willReturn(xml(SnsAndPolicyCannedResponsesTest.NO_POLICIES)));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeScalingActivities"))
                .willReturn(xml(AutoScalingLaunchCannedResponsesTest.activities("", null))));

        RecordingSink sink = collect(AwsService.AUTOSCALING);

        assertThat(sink.gaps).isEmpty();
        AutoScalingGroup api = sink.one(AutoScalingGroup.class, "api");
        assertThat(api.trafficSources()).containsExactly(
                new TrafficSource("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/abc", "elbv2"),
                new TrafficSource("legacy-clb", "elb"),
                new TrafficSource("arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123", "vpc-lattice"));
        assertThat(api.subnetIds()).containsExactly("subnet-aaa", "subnet-bbb");
        assertThat(api.loadBalancerNames()).containsExactly("legacy-clb");
        assertThat(api.instanceIds()).containsExactly("i-0001");
        assertThat(api.healthCheckGracePeriod()).isEqualTo(90);
        assertThat(api.tags()).isEqualTo(Map.of("env", "prod"));
        AutoScalingGroup worker = sink.one(AutoScalingGroup.class, "worker");
        assertThat(worker.trafficSources()).isEmpty();
        assertThat(worker.healthCheckGracePeriod()).isNull();
        // MaxRecords must stay at or below 100 (moto fails above it; AWS rejects it).
        wire.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .withRequestBody(containing("MaxRecords=100")));
    }

    @Test
    void cloudWatch_compositeAndMetricMathAlarms_andBothAlarmTypesRequested() {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAlarms")).willReturn(xml("""
                <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                 <DescribeAlarmsResult>
                  <MetricAlarms>
                   <member>
                    <AlarmName>latency-vs-errors</AlarmName>
                    <AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:latency-vs-errors</AlarmArn>
                    <ActionsEnabled>true</ActionsEnabled>
                    <AlarmActions><member>arn:aws:sns:us-east-1:123456789012:ops</member></AlarmActions>
                    <OKActions/><InsufficientDataActions/>
                    <StateValue>INSUFFICIENT_DATA</StateValue>
                    <Metrics>
                     <member><Id>a</Id><ReturnData>false</ReturnData><MetricStat><Metric><Namespace>AWS/ApplicationELB</Namespace><MetricName>TargetResponseTime</MetricName></Metric><Period>60</Period><Stat>p99</Stat></MetricStat></member>
                     <member><Id>b</Id><ReturnData>false</ReturnData><MetricStat><Metric><Namespace>AWS/ApplicationELB</Namespace><MetricName>HTTPCode_Target_5XX_Count</MetricName></Metric><Period>60</Period><Stat>Sum</Stat></MetricStat></member>
                     <member><Id>c</Id><Expression>a * b</Expression><ReturnData>true</ReturnData></member>
                    </Metrics>
                   </member>
                  </MetricAlarms>
                  <CompositeAlarms>
                   <member>
                    <AlarmName>service-down</AlarmName>
                    <AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:service-down</AlarmArn>
                    <AlarmRule>ALARM("latency-vs-errors") OR ALARM("db-cpu-high")</AlarmRule>
                    <ActionsEnabled>true</ActionsEnabled>
                    <AlarmActions><member>arn:aws:sns:us-east-1:123456789012:pager</member></AlarmActions>
                    <OKActions><member>arn:aws:sns:us-east-1:123456789012:pager</member></OKActions>
                    <InsufficientDataActions/>
                    <StateValue>OK</StateValue>
                   </member>
                  </CompositeAlarms>
                 </DescribeAlarmsResult>
                </DescribeAlarmsResponse>""")));
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=ListMetrics")).willReturn(xml("""
                <ListMetricsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                 <ListMetricsResult><Metrics/></ListMetricsResult>
                </ListMetricsResponse>""")));

        RecordingSink sink = collect(AwsService.CLOUDWATCH);

        assertThat(sink.gaps).isEmpty();
        Alarm composite = sink.one(Alarm.class, "service-down");
        assertThat(composite.isComposite()).isTrue();
        assertThat(composite.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:service-down");
        assertThat(composite.alarmRule()).isEqualTo("ALARM(\"latency-vs-errors\") OR ALARM(\"db-cpu-high\")");
        assertThat(composite.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:pager");
        assertThat(composite.okActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:pager");
        assertThat(composite.stateValue()).isEqualTo("OK");
        assertThat(composite.namespace()).isNull();
        assertThat(composite.metricName()).isNull();
        Alarm math = sink.one(Alarm.class, "latency-vs-errors");
        // Two distinct input metrics: no single metric to report.
        assertThat(math.namespace()).isNull();
        assertThat(math.metricName()).isNull();
        assertThat(math.stateValue()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(math.metrics()).extracting(m -> m.metricName())
                .containsExactly("TargetResponseTime", "HTTPCode_Target_5XX_Count");
        // Stuck in INSUFFICIENT_DATA and ListMetrics lists neither input.
        assertThat(math.metricFound()).isFalse();
        wire.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("AlarmTypes.member.1=MetricAlarm"))
                .withRequestBody(containing("AlarmTypes.member.2=CompositeAlarm")));
    }
}
