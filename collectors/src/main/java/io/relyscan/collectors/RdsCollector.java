package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RDS DB instances and DB clusters, tags read inline from TagList. Both APIs also return Neptune and DocumentDB
 * resources, which share them; the engine field tells them apart.
 */
public final class RdsCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("rds:DescribeDBClusters", "rds:DescribeDBInstances");
    private static final int PAGE_SIZE = 100;

    RdsCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.RDS, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        RdsClient rds = clients.rds(scope.region());
        Listings listings = new Listings(sink);
        listings.run(() -> pages(key, "DescribeDBInstances",
                rds.describeDBInstancesPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.dbInstances().forEach(i -> sink.add(instance(scope, i)))));
        listings.run(() -> pages(key, "DescribeDBClusters",
                rds.describeDBClustersPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.dbClusters().forEach(c -> sink.add(cluster(scope, c)))));
        listings.settle();
    }

    static DbInstance instance(ScanScope scope, DBInstance i) {
        String arn = i.dbInstanceArn() != null ? i.dbInstanceArn()
                : Arns.of("rds", scope.region(), scope.account(), "db:" + i.dbInstanceIdentifier());
        String replicaSource = blankToNull(i.readReplicaSourceDBInstanceIdentifier());
        if (replicaSource == null) {
            replicaSource = blankToNull(i.readReplicaSourceDBClusterIdentifier());
        }
        return new DbInstance(arn, scope.account(), scope.region(), i.dbInstanceIdentifier(), i.engine(),
                i.engineVersion(), i.dbInstanceClass(), i.dbInstanceStatus(), i.multiAZ(),
                blankToNull(i.availabilityZone()), blankToNull(i.secondaryAvailabilityZone()),
                i.backupRetentionPeriod(), i.deletionProtection(), blankToNull(i.dbClusterIdentifier()),
                replicaSource, i.readReplicaDBInstanceIdentifiers(), blankToNull(i.awsBackupRecoveryPointArn()),
                tags(i.tagList()));
    }

    static DbCluster cluster(ScanScope scope, DBCluster c) {
        String arn = c.dbClusterArn() != null ? c.dbClusterArn()
                : Arns.of("rds", scope.region(), scope.account(), "cluster:" + c.dbClusterIdentifier());
        List<DbClusterMember> members = new ArrayList<>();
        c.dbClusterMembers().forEach(m -> members.add(new DbClusterMember(m.dbInstanceIdentifier(),
                Boolean.TRUE.equals(m.isClusterWriter()))));
        return new DbCluster(arn, scope.account(), scope.region(), c.dbClusterIdentifier(), c.engine(),
                c.engineMode(), c.status(), c.multiAZ(), c.availabilityZones(), members, c.backupRetentionPeriod(),
                c.deletionProtection(), blankToNull(c.globalClusterIdentifier()),
                blankToNull(c.replicationSourceIdentifier()), tags(c.tagList()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return toMap(tags, Tag::key, Tag::value);
    }
}
