package io.relyscan.bench.collection;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How big the benchmark estate is: how many member accounts and which regions, and what each (account, region)
 * holds. Every (account, region) gets the same resources, so the per-scope counts below times the number of
 * scopes are the estate.
 *
 * @param accounts           member accounts, reached through AssumeRole of {@link #ROLE}
 * @param regions            regions scanned in every account (the first is also STS's)
 * @param instances          standalone EC2 instances (two instance types), each with its root volume
 * @param groups             Auto Scaling groups, each from one of {@code templates} launch templates (one AMI),
 *                           with a simple scaling policy and a target group
 * @param groupSize          instances launched by each group (each with its root volume)
 * @param templates          launch templates
 * @param volumes            extra, detached EBS volumes
 * @param snapshots          snapshots of the first extra volumes
 * @param dbInstances        RDS MySQL instances on one custom parameter group, each with a FreeStorageSpace datum
 * @param loadBalancers      application load balancers, each with a listener and two target groups
 * @param classicElbs        classic load balancers
 * @param alarms             metric alarms on instance CPU, notifying the first topic (at most 100: moto ignores
 *                           DescribeAlarms' MaxRecords, so more would be fewer calls than AWS needs)
 * @param topics             SNS topics
 * @param backupPlans        AWS Backup plans, their rule targeting the first vault
 * @param vaults             AWS Backup vaults
 */
record EstateShape(int accounts, List<String> regions, int instances, int groups, int groupSize, int templates,
                   int volumes, int snapshots, int dbInstances, int loadBalancers, int classicElbs, int alarms,
                   int topics, int backupPlans, int vaults) {
    static final String ROLE = "RelyscanAudit";

    EstateShape {
        regions = List.copyOf(regions);
        if (alarms > 100 || snapshots > volumes || templates < 1 || dbInstances > 100) {
            throw new IllegalArgumentException("alarms <= 100, dbInstances <= 100, snapshots <= volumes, "
                    + "templates >= 1");
        }
    }

    /** The benchmark's estate: 20 accounts x 3 regions, about 9,000 resources. */
    static EstateShape benchmark(int accounts) {
        return new EstateShape(accounts, List.of("us-east-1", "eu-west-1", "us-west-2"), 30, 4, 3, 2, 10, 5, 4, 2,
                2, 30, 5, 1, 2);
    }

    /** The test suite's smoke estate: 2 accounts x 2 regions, a handful of each kind. */
    static EstateShape smoke() {
        return new EstateShape(2, List.of("us-east-1", "eu-west-1"), 3, 1, 1, 1, 2, 1, 1, 1, 1, 3, 2, 1, 1);
    }

    /** Twelve-digit member account ids, 100000000001 upwards. */
    List<String> accountIds() {
        return IntStream.rangeClosed(1, accounts).mapToObj(i -> String.format("1%011d", i)).toList();
    }

    int instancesPerScope() {
        return instances + groups * groupSize;
    }

    int targetGroups() {
        return loadBalancers * 2;
    }

    /**
     * Resources per (account, region) as the inventory counts them, roughly: instances, their root volumes, the
     * extra volumes and snapshots, groups and their policies, DB instances and their metric, load balancers,
     * target groups, alarms, topics, plans and vaults (zones, subnets and the like not counted).
     */
    int resourcesPerScope() {
        return instancesPerScope() * 2 + volumes + snapshots + groups * 2 + templates + 1 + dbInstances * 2 + 1
                + loadBalancers + targetGroups() + classicElbs + alarms + topics + backupPlans + vaults + 1;
    }

    int scopes() {
        return accounts * regions.size();
    }
}
