package io.relyscan.collectors;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbEventSubscription;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbParameterGroup;
import io.relyscan.core.inventory.DbSubnet;
import io.relyscan.core.inventory.DbSubnetGroup;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.scan.CollectionException;
import io.relyscan.core.scan.CollectionSink;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.EventSubscription;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.rds.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * RDS DB instances and DB clusters (tags read inline from TagList), DB subnet groups, event subscriptions, and
 * the parameter groups in use with the few parameters rules read. The instance and cluster APIs also return
 * Neptune and DocumentDB resources, which share them; the engine field tells them apart.
 *
 * <p>Parameters take one call per custom parameter group in use, filtered to {@link
 * DbParameterGroup#COLLECTED_PARAMETERS} (and filtered again here, for endpoints that ignore the filter). AWS
 * default groups ({@code default.*}) cannot be modified, so their parameters are at engine defaults and are not
 * described. A failed per-group call leaves that group's parameters null and the coverage PARTIAL. The groups'
 * calls run concurrently ({@link FanOut}).
 */
public final class RdsCollector extends AwsCollector {
    static final List<String> IAM_ACTIONS = List.of("rds:DescribeDBClusterParameterGroups",
            "rds:DescribeDBClusterParameters", "rds:DescribeDBClusters", "rds:DescribeDBInstances",
            "rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", "rds:DescribeDBSubnetGroups",
            "rds:DescribeEventSubscriptions");
    private static final int PAGE_SIZE = 100;
    private record ListedGroup(String name, String family, String arn) {
    }

    private static final Filter PARAMETER_NAMES = Filter.builder().name("parameter-name")
            .values(DbParameterGroup.COLLECTED_PARAMETERS).build();

    RdsCollector(AwsClientFactory clients, ResilientCaller caller) {
        super(clients, caller, AwsService.RDS, IAM_ACTIONS);
    }

    @Override
    public void collect(ScanScope scope, CollectionSink sink) {
        EndpointKey key = key(scope);
        RdsClient rds = clients.rds(scope.region());
        List<DbInstance> instances = new ArrayList<>();
        List<DbCluster> clusters = new ArrayList<>();
        Listings listings = listings(sink);
        listings.add(out -> pages(key, "DescribeDBInstances",
                rds.describeDBInstancesPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.dbInstances().forEach(i -> instances.add(instance(scope, i)))));
        listings.add(out -> pages(key, "DescribeDBClusters",
                rds.describeDBClustersPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.dbClusters().forEach(c -> clusters.add(cluster(scope, c)))));
        listings.add(out -> pages(key, "DescribeDBSubnetGroups",
                rds.describeDBSubnetGroupsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.dbSubnetGroups().forEach(g -> out.add(subnetGroup(scope, g)))));
        listings.add(out -> pages(key, "DescribeEventSubscriptions",
                rds.describeEventSubscriptionsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                page -> page.eventSubscriptionsList().forEach(e -> out.add(subscription(scope, e)))));
        listings.runQueued();
        listings.settle();
        instances.forEach(sink::add);
        clusters.forEach(sink::add);
        parameterGroups(scope, key, rds, instances, clusters, sink);
    }

    private void parameterGroups(ScanScope scope, EndpointKey key, RdsClient rds, List<DbInstance> instances,
                                 List<DbCluster> clusters, CollectionSink sink) {
        TreeSet<String> instanceGroups = new TreeSet<>();
        instances.forEach(i -> instanceGroups.addAll(i.parameterGroupNames()));
        TreeSet<String> clusterGroups = new TreeSet<>();
        clusters.forEach(c -> {
            if (c.parameterGroupName() != null) {
                clusterGroups.add(c.parameterGroupName());
            }
        });
        ResourceGaps gaps = new ResourceGaps();
        if (!instanceGroups.isEmpty()) {
            Map<String, ListedGroup> listed = listGroups(instanceGroups, sink, onGroup -> pages(key,
                    "DescribeDBParameterGroups", rds.describeDBParameterGroupsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                    page -> page.dbParameterGroups().forEach(g -> onGroup.accept(new ListedGroup(
                            g.dbParameterGroupName(), g.dbParameterGroupFamily(), g.dbParameterGroupArn())))));
            perResource(List.copyOf(instanceGroups), gaps, (name, groupGaps) -> group(scope, name,
                    DbParameterGroup.INSTANCE, listed.get(name), groupGaps, parameters -> pages(key,
                            "DescribeDBParameters", rds.describeDBParametersPaginator(b -> b.dbParameterGroupName(name)
                                    .filters(PARAMETER_NAMES).maxRecords(PAGE_SIZE)),
                            page -> page.parameters().forEach(parameters)))).forEach(sink::add);
        }
        if (!clusterGroups.isEmpty()) {
            Map<String, ListedGroup> listed = listGroups(clusterGroups, sink, onGroup -> pages(key,
                    "DescribeDBClusterParameterGroups",
                    rds.describeDBClusterParameterGroupsPaginator(b -> b.maxRecords(PAGE_SIZE)),
                    page -> page.dbClusterParameterGroups().forEach(g -> onGroup.accept(new ListedGroup(
                            g.dbClusterParameterGroupName(), g.dbParameterGroupFamily(),
                            g.dbClusterParameterGroupArn())))));
            perResource(List.copyOf(clusterGroups), gaps, (name, groupGaps) -> group(scope, name,
                    DbParameterGroup.CLUSTER, listed.get(name), groupGaps, parameters -> pages(key,
                            "DescribeDBClusterParameters", rds.describeDBClusterParametersPaginator(b -> b
                                    .dbClusterParameterGroupName(name).filters(PARAMETER_NAMES)
                                    .maxRecords(PAGE_SIZE)),
                            page -> page.parameters().forEach(parameters)))).forEach(sink::add);
        }
        gaps.flush(sink);
    }

    /**
     * Every group listed, by name; a failed listing is a gap and leaves families unknown. Not called when only
     * default groups are in use: their name is {@code default.<family>}.
     */
    private static Map<String, ListedGroup> listGroups(Set<String> inUse, CollectionSink sink,
                                                       Consumer<Consumer<ListedGroup>> listing) {
        Map<String, ListedGroup> out = new HashMap<>();
        if (inUse.stream().allMatch(DbParameterGroup::isDefaultGroupName)) {
            return out;
        }
        try {
            listing.accept(g -> out.put(g.name(), g));
        } catch (CollectionException e) {
            sink.gap(e.operation(), e.reason(), MessageScrubber.scrub(e.getMessage()));
        }
        return out;
    }

    private static DbParameterGroup group(ScanScope scope, String name, String kind, ListedGroup listed,
                                          ResourceGaps gaps, Consumer<Consumer<Parameter>> describe) {
        String arn = listed != null && listed.arn() != null ? listed.arn() : Arns.of("rds", scope.region(),
                scope.account(), (kind.equals(DbParameterGroup.CLUSTER) ? "cluster-pg:" : "pg:") + name);
        String family = listed != null ? listed.family()
                : DbParameterGroup.isDefaultGroupName(name) ? name.substring("default.".length()) : null;
        Map<String, String> values = new LinkedHashMap<>();
        List<String> engineDefaults = new ArrayList<>();
        if (DbParameterGroup.isDefaultGroupName(name)) {
            engineDefaults.addAll(DbParameterGroup.COLLECTED_PARAMETERS);
        } else {
            try {
                describe.accept(p -> {
                    if (!DbParameterGroup.COLLECTED_PARAMETERS.contains(p.parameterName())) {
                        return;
                    }
                    if ("engine-default".equals(p.source()) || "system".equals(p.source())) {
                        engineDefaults.add(p.parameterName());
                    }
                    if (p.parameterValue() != null) {
                        values.put(p.parameterName(), p.parameterValue());
                    }
                });
            } catch (CollectionException e) {
                gaps.failed(name, e);
                return new DbParameterGroup(arn, scope.account(), scope.region(), name, family, kind, null, null,
                        Map.of());
            }
        }
        return new DbParameterGroup(arn, scope.account(), scope.region(), name, family, kind, values, engineDefaults,
                Map.of());
    }

    static DbSubnetGroup subnetGroup(ScanScope scope, software.amazon.awssdk.services.rds.model.DBSubnetGroup g) {
        String arn = g.dbSubnetGroupArn() != null ? g.dbSubnetGroupArn()
                : Arns.of("rds", scope.region(), scope.account(), "subgrp:" + g.dbSubnetGroupName());
        List<DbSubnet> subnets = new ArrayList<>();
        g.subnets().forEach(s -> {
            if (s.subnetIdentifier() != null) {
                subnets.add(new DbSubnet(s.subnetIdentifier(), s.subnetAvailabilityZone() == null ? null
                        : blankToNull(s.subnetAvailabilityZone().name()), s.subnetStatus()));
            }
        });
        return new DbSubnetGroup(arn, scope.account(), scope.region(), g.dbSubnetGroupName(), g.vpcId(),
                g.subnetGroupStatus(), subnets, Map.of());
    }

    static DbEventSubscription subscription(ScanScope scope, EventSubscription e) {
        String arn = e.eventSubscriptionArn() != null ? e.eventSubscriptionArn()
                : Arns.of("rds", scope.region(), scope.account(), "es:" + e.custSubscriptionId());
        return new DbEventSubscription(arn, scope.account(), scope.region(), e.custSubscriptionId(), e.snsTopicArn(),
                blankToNull(e.sourceType()), e.sourceIdsList(), e.eventCategoriesList(), e.enabled(), e.status(),
                Map.of());
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
                i.publiclyAccessible(), i.allocatedStorage(), i.maxAllocatedStorage(), i.monitoringInterval(),
                i.dbSubnetGroup() == null ? null : blankToNull(i.dbSubnetGroup().dbSubnetGroupName()),
                i.dbParameterGroups().stream().map(DBParameterGroupStatus::dbParameterGroupName)
                        .filter(n -> n != null && !n.isBlank()).toList(),
                i.dbInstanceAutomatedBackupsReplications().stream()
                        .map(DBInstanceAutomatedBackupsReplication::dbInstanceAutomatedBackupsArn)
                        .filter(a -> a != null && !a.isBlank()).toList(),
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
                blankToNull(c.replicationSourceIdentifier()), c.readReplicaIdentifiers(),
                blankToNull(c.dbClusterParameterGroup()), blankToNull(c.dbSubnetGroup()), tags(c.tagList()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return toMap(tags, Tag::key, Tag::value);
    }
}
