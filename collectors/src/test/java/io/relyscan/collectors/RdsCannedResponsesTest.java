package io.relyscan.collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbEventSubscription;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbParameterGroup;
import io.relyscan.core.inventory.GapReason;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.relyscan.collectors.CannedResponsesTest.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RDS responses shaped like the real API for what moto does not produce: MonitoringInterval, automated backup
 * replications, cross-region replica clusters, parameter Source values, parameter-name filtering, event
 * subscriptions covering every source type, and a parameter group whose parameters cannot be read.
 */
class RdsCannedResponsesTest {
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

    static final String INSTANCES = """
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBInstancesResult>
              <DBInstances>
               <DBInstance>
                <DBInstanceIdentifier>ledger</DBInstanceIdentifier>
                <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:ledger</DBInstanceArn>
                <Engine>mysql</Engine><DBInstanceStatus>available</DBInstanceStatus><MultiAZ>true</MultiAZ>
                <AvailabilityZone>us-east-1a</AvailabilityZone>
                <PubliclyAccessible>false</PubliclyAccessible>
                <AllocatedStorage>100</AllocatedStorage><MaxAllocatedStorage>1000</MaxAllocatedStorage>
                <MonitoringInterval>60</MonitoringInterval>
                <DBSubnetGroup>
                 <DBSubnetGroupName>ledger-subnets</DBSubnetGroupName><VpcId>vpc-1</VpcId>
                 <SubnetGroupStatus>Complete</SubnetGroupStatus>
                 <Subnets><Subnet><SubnetIdentifier>subnet-a</SubnetIdentifier>
                  <SubnetAvailabilityZone><Name>us-east-1a</Name></SubnetAvailabilityZone>
                  <SubnetStatus>Active</SubnetStatus></Subnet></Subnets>
                </DBSubnetGroup>
                <DBParameterGroups>
                 <DBParameterGroup><DBParameterGroupName>ledger-mysql</DBParameterGroupName>
                  <ParameterApplyStatus>in-sync</ParameterApplyStatus></DBParameterGroup>
                </DBParameterGroups>
                <DBInstanceAutomatedBackupsReplications>
                 <DBInstanceAutomatedBackupsReplication>
                  <DBInstanceAutomatedBackupsArn>arn:aws:rds:us-west-2:123456789012:auto-backup:ab-ledger</DBInstanceAutomatedBackupsArn>
                 </DBInstanceAutomatedBackupsReplication>
                </DBInstanceAutomatedBackupsReplications>
               </DBInstance>
              </DBInstances>
             </DescribeDBInstancesResult>
            </DescribeDBInstancesResponse>""";

    static final String CLUSTERS = """
            <DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBClustersResult>
              <DBClusters>
               <DBCluster>
                <DBClusterIdentifier>orders</DBClusterIdentifier>
                <DBClusterArn>arn:aws:rds:us-east-1:123456789012:cluster:orders</DBClusterArn>
                <Engine>aurora-postgresql</Engine><EngineMode>provisioned</EngineMode><Status>available</Status>
                <DBClusterMembers/>
                <DBClusterParameterGroup>orders-aurora</DBClusterParameterGroup>
                <DBSubnetGroup>ledger-subnets</DBSubnetGroup>
                <ReadReplicaIdentifiers>
                 <ReadReplicaIdentifier>arn:aws:rds:eu-west-1:123456789012:cluster:orders-dr</ReadReplicaIdentifier>
                </ReadReplicaIdentifiers>
               </DBCluster>
              </DBClusters>
             </DescribeDBClustersResult>
            </DescribeDBClustersResponse>""";

    static final String SUBSCRIPTIONS = """
            <DescribeEventSubscriptionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeEventSubscriptionsResult>
              <EventSubscriptionsList>
               <EventSubscription>
                <CustSubscriptionId>everything</CustSubscriptionId>
                <EventSubscriptionArn>arn:aws:rds:us-east-1:123456789012:es:everything</EventSubscriptionArn>
                <SnsTopicArn>arn:aws:sns:us-east-1:123456789012:ops</SnsTopicArn>
                <Status>no-permission</Status><Enabled>true</Enabled>
               </EventSubscription>
              </EventSubscriptionsList>
             </DescribeEventSubscriptionsResult>
            </DescribeEventSubscriptionsResponse>""";

    static final String PARAMETER_GROUPS = """
            <DescribeDBParameterGroupsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBParameterGroupsResult>
              <DBParameterGroups>
               <DBParameterGroup>
                <DBParameterGroupName>ledger-mysql</DBParameterGroupName>
                <DBParameterGroupFamily>mysql8.0</DBParameterGroupFamily>
                <DBParameterGroupArn>arn:aws:rds:us-east-1:123456789012:pg:ledger-mysql</DBParameterGroupArn>
               </DBParameterGroup>
              </DBParameterGroups>
             </DescribeDBParameterGroupsResult>
            </DescribeDBParameterGroupsResponse>""";

    // An endpoint that ignored the filter: the extra parameter must not be kept.
    static final String PARAMETERS = """
            <DescribeDBParametersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBParametersResult>
              <Parameters>
               <Parameter><ParameterName>innodb_flush_log_at_trx_commit</ParameterName>
                <ParameterValue>1</ParameterValue><Source>engine-default</Source></Parameter>
               <Parameter><ParameterName>read_only</ParameterName>
                <ParameterValue>{TrueIfReplica}</ParameterValue><Source>system</Source></Parameter>
               <Parameter><ParameterName>sync_binlog</ParameterName>
                <ParameterValue>0</ParameterValue><Source>user</Source></Parameter>
               <Parameter><ParameterName>max_connections</ParameterName>
                <ParameterValue>500</ParameterValue><Source>user</Source></Parameter>
              </Parameters>
             </DescribeDBParametersResult>
            </DescribeDBParametersResponse>""";

    static final String CLUSTER_PARAMETER_GROUPS = """
            <DescribeDBClusterParameterGroupsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
             <DescribeDBClusterParameterGroupsResult>
              <DBClusterParameterGroups>
               <DBClusterParameterGroup>
                <DBClusterParameterGroupName>orders-aurora</DBClusterParameterGroupName>
                <DBParameterGroupFamily>aurora-postgresql16</DBParameterGroupFamily>
               </DBClusterParameterGroup>
              </DBClusterParameterGroups>
             </DescribeDBClusterParameterGroupsResult>
            </DescribeDBClusterParameterGroupsResponse>""";

    static void stub(String action, String body) {
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .willReturn(xml(body)));
    }

    @Test
    void rds_fieldsMotoLacks_parameterSources_andADeniedClusterParameterCall() {
        stub("DescribeDBInstances", INSTANCES);
        stub("DescribeDBClusters", CLUSTERS);
        stub("DescribeDBSubnetGroups", """
                <DescribeDBSubnetGroupsResponse><DescribeDBSubnetGroupsResult><DBSubnetGroups/>
                </DescribeDBSubnetGroupsResult></DescribeDBSubnetGroupsResponse>""");
        stub("DescribeEventSubscriptions", SUBSCRIPTIONS);
        stub("DescribeDBParameterGroups", PARAMETER_GROUPS);
        stub("DescribeDBParameters", PARAMETERS);
        stub("DescribeDBClusterParameterGroups", CLUSTER_PARAMETER_GROUPS);
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBClusterParameters&"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>""")));

        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(AwsService.RDS)).get(0).collect(TestSessions.SCOPE, sink);

        DbInstance db = sink.one(DbInstance.class, "ledger");
        assertThat(db.monitoringInterval()).isEqualTo(60);
        assertThat(db.publiclyAccessible()).isFalse();
        assertThat(db.allocatedStorage()).isEqualTo(100);
        assertThat(db.maxAllocatedStorage()).isEqualTo(1000);
        assertThat(db.dbSubnetGroupName()).isEqualTo("ledger-subnets");
        assertThat(db.automatedBackupReplicationArns())
                .containsExactly("arn:aws:rds:us-west-2:123456789012:auto-backup:ab-ledger");
        DbCluster cluster = sink.one(DbCluster.class, "orders");
        assertThat(cluster.readReplicaIdentifiers())
                .containsExactly("arn:aws:rds:eu-west-1:123456789012:cluster:orders-dr");

        DbEventSubscription sub = sink.one(DbEventSubscription.class, "everything");
        assertThat(sub.sourceType()).isNull();
        assertThat(sub.eventCategories()).isEmpty();
        assertThat(sub.status()).isEqualTo("no-permission");

        DbParameterGroup mysql = sink.all(DbParameterGroup.class).stream()
                .filter(g -> g.kind().equals(DbParameterGroup.INSTANCE)).findFirst().orElseThrow();
        assertThat(mysql.family()).isEqualTo("mysql8.0");
        assertThat(mysql.parameters()).isEqualTo(Map.of("innodb_flush_log_at_trx_commit", "1",
                "read_only", "{TrueIfReplica}", "sync_binlog", "0"));
        assertThat(mysql.engineDefaultParameters()).containsExactly("innodb_flush_log_at_trx_commit", "read_only");
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBParameters&"))))
                .singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                        .contains("DBParameterGroupName=ledger-mysql")
                        .contains("Filters.Filter.1.Name=parameter-name")
                        .contains("Filters.Filter.1.Values.Value.1=innodb_flush_log_at_trx_commit"));

        DbParameterGroup aurora = sink.all(DbParameterGroup.class).stream()
                .filter(g -> g.kind().equals(DbParameterGroup.CLUSTER)).findFirst().orElseThrow();
        assertThat(aurora.name()).isEqualTo("orders-aurora");
        assertThat(aurora.family()).isEqualTo("aurora-postgresql16");
        assertThat(aurora.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster-pg:orders-aurora");
        assertThat(aurora.parameters()).isNull();
        assertThat(sink.gaps).extracting(CoverageGap::operation).containsExactly("DescribeDBClusterParameters");
        assertThat(sink.gaps).extracting(CoverageGap::reason).containsExactly(GapReason.ACCESS_DENIED);
        assertThat(sink.gaps.get(0).message()).contains("orders-aurora");
    }

    @Test
    void rds_parameterGroupListingDenied_isAGapButParametersAreStillRead_andDefaultGroupsCostNoCall() {
        stub("DescribeDBInstances", INSTANCES.replace("</DBParameterGroups>", """
                 <DBParameterGroup><DBParameterGroupName>default.mysql8.0</DBParameterGroupName></DBParameterGroup>
                </DBParameterGroups>"""));
        stub("DescribeDBClusters", """
                <DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters><DBCluster>
                 <DBClusterIdentifier>plain</DBClusterIdentifier><Engine>aurora-mysql</Engine>
                 <DBClusterParameterGroup>default.aurora-mysql8.0</DBClusterParameterGroup>
                </DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>""");
        stub("DescribeDBSubnetGroups", """
                <DescribeDBSubnetGroupsResponse><DescribeDBSubnetGroupsResult><DBSubnetGroups/>
                </DescribeDBSubnetGroupsResult></DescribeDBSubnetGroupsResponse>""");
        stub("DescribeEventSubscriptions", SUBSCRIPTIONS);
        stub("DescribeDBParameters", PARAMETERS);
        wire.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBParameterGroups&"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>""")));

        RecordingSink sink = new RecordingSink();
        session.collectors(Set.of(AwsService.RDS)).get(0).collect(TestSessions.SCOPE, sink);

        assertThat(sink.gaps).extracting(CoverageGap::operation).containsExactly("DescribeDBParameterGroups");
        DbParameterGroup custom = sink.one(DbParameterGroup.class, "ledger-mysql");
        assertThat(custom.family()).isNull();
        assertThat(custom.parameters()).containsEntry("sync_binlog", "0");
        DbParameterGroup defaults = sink.one(DbParameterGroup.class, "default.mysql8.0");
        assertThat(defaults.family()).isEqualTo("mysql8.0");
        assertThat(defaults.engineDefaultParameters()).hasSize(DbParameterGroup.COLLECTED_PARAMETERS.size());
        DbParameterGroup cluster = sink.one(DbParameterGroup.class, "default.aurora-mysql8.0");
        assertThat(cluster.kind()).isEqualTo(DbParameterGroup.CLUSTER);
        assertThat(cluster.family()).isEqualTo("aurora-mysql8.0");
        assertThat(cluster.parameters()).isEmpty();
        // Only default cluster groups in use: neither listed nor described.
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBClusterParameter")))).isEmpty();
        assertThat(wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBParameters&")))).hasSize(1);
    }
}
