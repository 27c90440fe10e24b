package io.relyscan.bench;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.Inventory;

import java.util.List;
import java.util.Random;

/**
 * A deterministic synthetic estate of about {@code size} resources over four regions, with the mix and the
 * cross-references a real account has: clusters with members, subnet and parameter groups in use, Auto Scaling
 * groups behind target groups, composite alarms over metric alarms, backup selections by ARN pattern, by tag and
 * by condition. About a fifth of each kind is non-compliant so every rule takes its slower paths too. Backup
 * plans and selections stay fixed (see {@link #SELECTIONS_PER_REGION}); everything else grows with the size.
 */
final class SyntheticEstate {
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
    private static final String ACCOUNT = "111122223333";
    static final int SELECTIONS_PER_REGION = 24;
    private static final String[] TEAMS = {"payments", "search", "data", "web", "platform", "mobile"};

    private SyntheticEstate() {
    }

    static Inventory build(int size, long seed) {
        Random random = new Random(seed);
        InventoryFixture f = InventoryFixture.create();
        int perRegion = Math.max(100, size / REGIONS.size());
        for (String region : REGIONS) {
            f.scope(ACCOUNT, region);
            addRegion(f, region, perRegion, random);
        }
        return f.build();
    }

    private static void addRegion(InventoryFixture f, String region, int k, Random random) {
        String[] zones = {region + "a", region + "b", region + "c"};
        int added = 0;
        for (String zone : zones) {
            f.zone(zone, "availability-zone");
            added++;
        }
        int subnets = Math.max(6, k / 100);
        for (int i = 0; i < subnets; i++) {
            f.subnet("subnet-" + region + "-" + i, zones[i % 3], 50 + random.nextInt(200));
            added++;
        }
        int groups = Math.max(1, k / 400);
        for (int i = 0; i < groups; i++) {
            boolean narrow = random.nextInt(5) == 0;
            f.dbSubnetGroup("db-subnets-" + i, g -> narrow ? g.zones(zones[0]) : g.zones(zones));
            boolean unsafe = random.nextInt(5) == 0;
            f.dbParameterGroup("mysql-params-" + i, p -> p.family("mysql8.0")
                    .set("sync_binlog", unsafe ? "0" : "1").set("innodb_flush_log_at_trx_commit", "1"));
            added += 2;
        }
        f.dbEventSubscription("rds-events", s -> s);
        f.configRecorder("default", r -> r);
        f.backupVault("vault-" + region);
        added += 3;
        // Plans and selections do not grow with the estate: AWS quotas bound them (tens per region in practice),
        // and backup-resource-assigned costs resources x selections of the region. Keeping them fixed makes the
        // work per resource comparable across sizes.
        int plans = 4;
        for (int i = 0; i < plans; i++) {
            f.backupPlan("plan-" + region + "-" + i, p -> p);
            added++;
        }
        int selections = SELECTIONS_PER_REGION;
        for (int i = 0; i < selections; i++) {
            String plan = "plan-" + region + "-" + (i % plans);
            String team = TEAMS[i % TEAMS.length];
            switch (i % 3) {
                case 0 -> f.backupSelection(plan, "sel-" + i, s -> s.tagEquals("backup", "daily"));
                case 1 -> f.backupSelection(plan, "sel-" + i, s -> s.resources("arn:aws:rds:*:*:db:" + team + "-*")
                        .notResources("arn:aws:rds:*:*:db:*-scratch"));
                default -> f.backupSelection(plan, "sel-" + i, s -> s.resources("*")
                        .condition("STRINGEQUALS", "aws:ResourceTag/team", team)
                        .condition("STRINGLIKE", "aws:ResourceTag/env", "prod*"));
            }
            added++;
        }
        int clusters = k / 100;
        for (int i = 0; i < clusters; i++) {
            String id = TEAMS[i % TEAMS.length] + "-aurora-" + i;
            boolean oneZone = random.nextInt(5) == 0;
            f.dbInstance(id + "-1", db -> db.engine("aurora-mysql").cluster(id).az(zones[0]).monitoringInterval(60));
            f.dbInstance(id + "-2", db -> db.engine("aurora-mysql").cluster(id).az(oneZone ? zones[0] : zones[1])
                    .monitoringInterval(60));
            f.dbCluster(id, c -> c.engine("aurora-mysql").member(id + "-1", true).member(id + "-2", false)
                    .dbSubnetGroup("db-subnets-0").tag("team", TEAMS[random.nextInt(TEAMS.length)]));
            added += 3;
        }
        int databases = k * 6 / 100;
        for (int i = 0; i < databases; i++) {
            String team = TEAMS[i % TEAMS.length];
            boolean bad = random.nextInt(5) == 0;
            int group = i % groups;
            f.dbInstance(team + "-db-" + i + (bad ? "-scratch" : ""), db -> db.engine("mysql").multiAz(!bad)
                    .backupRetention(bad ? 1 : 7).deletionProtection(!bad).monitoringInterval(bad ? 0 : 60)
                    .dbSubnetGroup("db-subnets-" + group).parameterGroups("mysql-params-" + group)
                    .storage(100, bad ? null : 500).tag("team", team).tag("env", bad ? "dev" : "prod")
                    .tag("backup", bad ? "none" : "daily"));
            added++;
        }
        int balancers = k * 2 / 100;
        for (int b = 0; b < balancers; b++) {
            final int i = b;
            boolean single = random.nextInt(5) == 0;
            String name = "lb-" + i;
            f.loadBalancer(name, lb -> single ? lb.type("network").azs(zones[0]) : lb.azs(zones[0], zones[1]));
            // Attached, so the target rules join each group to its load balancer through the index.
            String lbArn = f.arn("elasticloadbalancing", "loadbalancer/" + (single ? "net" : "app") + "/" + name
                    + "/0123456789abcdef");
            f.targetGroup("tg-" + i, tg -> tg.loadBalancer(lbArn).target("i-" + i + "a", zones[0], "healthy")
                    .target("i-" + i + "b", zones[1], random.nextInt(10) == 0 ? "unhealthy" : "healthy"));
            added += 2;
        }
        int asgs = k * 3 / 100;
        for (int g0 = 0; g0 < asgs; g0++) {
            final int i = g0;
            boolean bad = random.nextInt(5) == 0;
            String subnetA = "subnet-" + region + "-" + (i % subnets);
            String subnetB = "subnet-" + region + "-" + ((i + 1) % subnets);
            f.autoScalingGroup("asg-" + i, g -> bad
                    ? g.subnets(subnetA).azs(zones[i % 3]).healthCheckType("EC2").targetGroupArns("tg")
                        .capacity(1, 1, 4).singleInstanceType()
                    : g.subnets(subnetA, subnetB).targetGroupArns("tg").tag("team", TEAMS[i % TEAMS.length]));
            added++;
        }
        int alarms = k * 20 / 100;
        for (int a0 = 0; a0 < alarms; a0++) {
            final int i = a0;
            String name = "alarm-" + i;
            if (i % 50 == 49) {
                f.alarm("composite-" + i, a -> a.composite("ALARM(\"alarm-" + (i - 1) + "\") OR ALARM(alarm-"
                        + (i - 2) + ")"));
            } else if (random.nextInt(5) == 0) {
                f.alarm(name, a -> a.alarmActions().actionsEnabled(random.nextBoolean()));
            } else {
                f.alarm(name, a -> a);
            }
            added++;
        }
        for (int e0 = 0; added < k; e0++, added++) {
            final int i = e0;
            String team = TEAMS[i % TEAMS.length];
            boolean inGroup = i % 3 == 0;
            boolean odd = random.nextInt(10) == 0;
            f.ec2Instance("i-" + region + "-" + i, e -> {
                e.az(zones[random.nextInt(3)]).tag("team", team).tag("env", "prod");
                if (inGroup) {
                    e.inAutoScalingGroup("asg-" + (i % Math.max(1, asgs)));
                }
                if (odd) {
                    e.monitoring("disabled").event("instance-retirement", "retiring hardware");
                }
                return e;
            });
        }
    }
}
