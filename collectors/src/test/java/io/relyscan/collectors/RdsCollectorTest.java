package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbEventSubscription;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbParameterGroup;
import io.relyscan.core.inventory.DbSubnet;
import io.relyscan.core.inventory.DbSubnetGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.rds.model.Tag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RdsCollectorTest extends MotoTestBase {
    static RdsClient rds;
    static RecordingSink sink;

    @BeforeAll
    static void createDatabases() {
        rds = TestSessions.client(RdsClient.builder(), endpoint());
        rds.createDBInstance(b -> b.dbInstanceIdentifier("orders-single").engine("postgres").engineVersion("16.3")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin")
                .masterUserPassword("password123").multiAZ(false).backupRetentionPeriod(7).deletionProtection(false)
                .availabilityZone("us-east-1b").tags(Tag.builder().key("env").value("prod").build(),
                        Tag.builder().key("team").value("orders").build()));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("billing-multi").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.m5.large").allocatedStorage(50).masterUsername("admin")
                .masterUserPassword("password123").multiAZ(true).backupRetentionPeriod(14).deletionProtection(true));
        rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier("orders-replica")
                .sourceDBInstanceIdentifier("orders-single").dbInstanceClass("db.t3.micro"));
        rds.createDBCluster(b -> b.dbClusterIdentifier("aurora-main").engine("aurora-postgresql")
                .masterUsername("admin").masterUserPassword("password123").backupRetentionPeriod(5)
                .deletionProtection(true).tags(Tag.builder().key("env").value("prod").build()));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("aurora-main-1").engine("aurora-postgresql")
                .dbInstanceClass("db.r6g.large").dbClusterIdentifier("aurora-main").availabilityZone("us-east-1a"));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("aurora-main-2").engine("aurora-postgresql")
                .dbInstanceClass("db.r6g.large").dbClusterIdentifier("aurora-main").availabilityZone("us-east-1c"));
        createLedger();
        sink = collect(AwsService.RDS);
    }

    /** A MySQL instance in its own subnet group and parameter group, an Aurora cluster with a custom cluster group. */
    static void createLedger() {
        List<Subnet> subnets;
        try (Ec2Client ec2 = TestSessions.client(Ec2Client.builder(), endpoint())) {
            subnets = ec2.describeSubnets().subnets().stream().sorted(Comparator.comparing(Subnet::availabilityZone))
                    .toList();
        }
        rds.createDBSubnetGroup(b -> b.dbSubnetGroupName("ledger-subnets").dbSubnetGroupDescription("ledger")
                .subnetIds(subnets.get(0).subnetId(), subnets.get(1).subnetId()));
        rds.createDBParameterGroup(b -> b.dbParameterGroupName("ledger-mysql").dbParameterGroupFamily("mysql8.0")
                .description("ledger"));
        rds.modifyDBParameterGroup(b -> b.dbParameterGroupName("ledger-mysql").parameters(
                Parameter.builder().parameterName("sync_binlog").parameterValue("0")
                        .applyMethod(ApplyMethod.IMMEDIATE).build(),
                Parameter.builder().parameterName("max_connections").parameterValue("500")
                        .applyMethod(ApplyMethod.IMMEDIATE).build()));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("ledger").engine("mysql").engineVersion("8.0.35")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).maxAllocatedStorage(200).masterUsername("admin")
                .masterUserPassword("password123").publiclyAccessible(true).dbSubnetGroupName("ledger-subnets")
                .dbParameterGroupName("ledger-mysql"));
        rds.createDBClusterParameterGroup(b -> b.dbClusterParameterGroupName("ledger-aurora")
                .dbParameterGroupFamily("aurora-mysql8.0").description("ledger"));
        rds.modifyDBClusterParameterGroup(b -> b.dbClusterParameterGroupName("ledger-aurora").parameters(
                Parameter.builder().parameterName("innodb_flush_log_at_trx_commit").parameterValue("2")
                        .applyMethod(ApplyMethod.IMMEDIATE).build()));
        rds.createDBCluster(b -> b.dbClusterIdentifier("ledger-aurora").engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("password123")
                .dbClusterParameterGroupName("ledger-aurora").dbSubnetGroupName("ledger-subnets"));
        rds.createEventSubscription(b -> b.subscriptionName("db-alerts")
                .snsTopicArn("arn:aws:sns:us-east-1:123456789012:db-alerts").sourceType("db-instance")
                .eventCategories("failure", "failover").enabled(true));
    }

    @AfterAll
    static void closeClient() {
        rds.close();
    }

    @Test
    void collect_reportsEveryInstanceAndClusterWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(DbInstance.class)).extracting(DbInstance::identifier).containsExactlyInAnyOrder(
                "orders-single", "billing-multi", "orders-replica", "aurora-main-1", "aurora-main-2", "ledger");
        assertThat(sink.all(DbCluster.class)).extracting(DbCluster::identifier)
                .containsExactlyInAnyOrder("aurora-main", "ledger-aurora");
        assertThat(sink.resources).allSatisfy(r -> {
            assertThat(r.account()).isEqualTo(TestSessions.ACCOUNT);
            assertThat(r.region()).isEqualTo(TestSessions.REGION);
            assertThat(r.service()).isEqualTo(AwsService.RDS);
        });
    }

    @Test
    void collect_singleAzInstance_fieldByField() {
        DbInstance db = sink.one(DbInstance.class, "orders-single");
        assertThat(db.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:orders-single");
        assertThat(db.engine()).isEqualTo("postgres");
        assertThat(db.engineVersion()).isEqualTo("16.3");
        assertThat(db.instanceClass()).isEqualTo("db.t3.micro");
        assertThat(db.status()).isEqualTo("available");
        assertThat(db.multiAz()).isFalse();
        assertThat(db.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(db.secondaryAvailabilityZone()).isNull();
        assertThat(db.backupRetentionPeriod()).isEqualTo(7);
        assertThat(db.deletionProtection()).isFalse();
        assertThat(db.clusterIdentifier()).isNull();
        assertThat(db.isReadReplica()).isFalse();
        assertThat(db.readReplicaIdentifiers()).containsExactly("orders-replica");
        assertThat(db.awsBackupRecoveryPointArn()).isNull();
        assertThat(db.tags()).isEqualTo(Map.of("env", "prod", "team", "orders"));
    }

    @Test
    void collect_multiAzInstance_fieldByField() {
        DbInstance db = sink.one(DbInstance.class, "billing-multi");
        assertThat(db.engine()).isEqualTo("mysql");
        assertThat(db.instanceClass()).isEqualTo("db.m5.large");
        assertThat(db.multiAz()).isTrue();
        assertThat(db.backupRetentionPeriod()).isEqualTo(14);
        assertThat(db.deletionProtection()).isTrue();
        assertThat(db.readReplicaIdentifiers()).isEmpty();
        assertThat(db.tags()).isEmpty();
    }

    @Test
    void collect_readReplica_pointsAtItsSource() {
        DbInstance replica = sink.one(DbInstance.class, "orders-replica");
        assertThat(replica.isReadReplica()).isTrue();
        assertThat(replica.readReplicaSourceIdentifier()).isEqualTo("orders-single");
        assertThat(replica.engine()).isEqualTo("postgres");
    }

    @Test
    void collect_auroraCluster_withMembers() {
        DbCluster cluster = sink.one(DbCluster.class, "aurora-main");
        assertThat(cluster.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster:aurora-main");
        assertThat(cluster.engine()).isEqualTo("aurora-postgresql");
        assertThat(cluster.engineMode()).isEqualTo("provisioned");
        assertThat(cluster.status()).isEqualTo("available");
        assertThat(cluster.backupRetentionPeriod()).isEqualTo(5);
        assertThat(cluster.deletionProtection()).isTrue();
        assertThat(cluster.storageAvailabilityZones()).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(cluster.members()).containsExactlyInAnyOrder(new DbClusterMember("aurora-main-1", true),
                new DbClusterMember("aurora-main-2", false));
        // moto computes MultiAZ from the members' zones (two different zones here).
        assertThat(cluster.multiAz()).isTrue();
        assertThat(cluster.globalClusterIdentifier()).isNull();
        assertThat(cluster.replicationSourceIdentifier()).isNull();
        assertThat(cluster.tags()).isEqualTo(Map.of("env", "prod"));

        DbInstance member = sink.one(DbInstance.class, "aurora-main-2");
        assertThat(member.clusterIdentifier()).isEqualTo("aurora-main");
        assertThat(member.isClusterMember()).isTrue();
        assertThat(member.availabilityZone()).isEqualTo("us-east-1c");
    }

    @Test
    void collect_subnetGroupWithItsZones() {
        DbSubnetGroup group = sink.one(DbSubnetGroup.class, "ledger-subnets");
        assertThat(group.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:subgrp:ledger-subnets");
        assertThat(group.vpcId()).startsWith("vpc-");
        assertThat(group.status()).isEqualTo("Complete");
        assertThat(group.subnets()).extracting(DbSubnet::availabilityZone)
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(group.subnets()).extracting(DbSubnet::status).containsOnly("Active");
    }

    @Test
    void collect_instanceFieldsForStorageNetworkAndParameters() {
        DbInstance db = sink.one(DbInstance.class, "ledger");
        assertThat(db.publiclyAccessible()).isTrue();
        assertThat(db.allocatedStorage()).isEqualTo(20);
        assertThat(db.maxAllocatedStorage()).isEqualTo(200);
        assertThat(db.dbSubnetGroupName()).isEqualTo("ledger-subnets");
        assertThat(db.parameterGroupNames()).containsExactly("ledger-mysql");
        assertThat(db.automatedBackupReplicationArns()).isEmpty();
        // moto never returns MonitoringInterval (AWS always does, 0 when Enhanced Monitoring is off).
        assertThat(db.monitoringInterval()).isNull();
        // Without storage autoscaling AWS (and moto) omit MaxAllocatedStorage.
        assertThat(sink.one(DbInstance.class, "orders-single").maxAllocatedStorage()).isNull();

        DbCluster cluster = sink.one(DbCluster.class, "ledger-aurora");
        assertThat(cluster.parameterGroupName()).isEqualTo("ledger-aurora");
        assertThat(cluster.dbSubnetGroupName()).isEqualTo("ledger-subnets");
        assertThat(cluster.readReplicaIdentifiers()).isEmpty();
    }

    @Test
    void collect_parameterGroupsInUse_withOnlyTheParametersRulesRead() {
        DbParameterGroup custom = sink.all(DbParameterGroup.class).stream()
                .filter(g -> g.name().equals("ledger-mysql")).findFirst().orElseThrow();
        assertThat(custom.kind()).isEqualTo(DbParameterGroup.INSTANCE);
        assertThat(custom.family()).isEqualTo("mysql8.0");
        assertThat(custom.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:pg:ledger-mysql");
        // max_connections is not a parameter any rule reads; moto returns only modified parameters, without Source.
        assertThat(custom.parameters()).isEqualTo(Map.of("sync_binlog", "0"));
        assertThat(custom.engineDefaultParameters()).isEmpty();

        DbParameterGroup cluster = sink.all(DbParameterGroup.class).stream()
                .filter(g -> g.name().equals("ledger-aurora")).findFirst().orElseThrow();
        assertThat(cluster.kind()).isEqualTo(DbParameterGroup.CLUSTER);
        assertThat(cluster.family()).isEqualTo("aurora-mysql8.0");
        assertThat(cluster.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster-pg:ledger-aurora");
        assertThat(cluster.parameters()).isEqualTo(Map.of("innodb_flush_log_at_trx_commit", "2"));

        // Default groups are not described: every parameter in them is at its engine default.
        List<DbParameterGroup> defaults = sink.all(DbParameterGroup.class).stream()
                .filter(g -> g.name().startsWith("default.")).toList();
        assertThat(defaults).isNotEmpty().allSatisfy(g -> {
            assertThat(g.parameters()).isEmpty();
            assertThat(g.engineDefaultParameters()).containsExactlyInAnyOrderElementsOf(
                    DbParameterGroup.COLLECTED_PARAMETERS);
        });
        // Only groups in use are recorded.
        assertThat(sink.all(DbParameterGroup.class)).extracting(DbParameterGroup::name)
                .doesNotHaveDuplicates().allMatch(n -> n.startsWith("default.") || n.startsWith("ledger-"));
    }

    @Test
    void collect_eventSubscription() {
        DbEventSubscription sub = sink.one(DbEventSubscription.class, "db-alerts");
        assertThat(sub.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:es:db-alerts");
        assertThat(sub.snsTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:db-alerts");
        assertThat(sub.sourceType()).isEqualTo("db-instance");
        assertThat(sub.sourceIds()).isEmpty();
        assertThat(sub.eventCategories()).containsExactlyInAnyOrder("failure", "failover");
        assertThat(sub.enabled()).isTrue();
        assertThat(sub.status()).isEqualTo("active");
    }
}
