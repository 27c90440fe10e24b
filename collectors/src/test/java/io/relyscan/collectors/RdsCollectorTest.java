package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

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
        sink = collect(AwsService.RDS);
    }

    @AfterAll
    static void closeClient() {
        rds.close();
    }

    @Test
    void collect_reportsEveryInstanceAndClusterWithoutGaps() {
        assertThat(sink.gaps).isEmpty();
        assertThat(sink.all(DbInstance.class)).extracting(DbInstance::identifier).containsExactlyInAnyOrder(
                "orders-single", "billing-multi", "orders-replica", "aurora-main-1", "aurora-main-2");
        assertThat(sink.all(DbCluster.class)).extracting(DbCluster::identifier).containsExactly("aurora-main");
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
}
