package io.relyscan.bench;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.BackupJob;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.rule.Tier1Selector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic synthetic estate of about {@code size} records over four regions, with the mix and the
 * cross-references a real account has: clusters with members, subnet and parameter groups in use, Auto Scaling
 * groups behind target groups with their launch templates, AMIs, scaling policies and activities, EC2 instances
 * with their EBS volumes and snapshots, alarms on resources and scaling policies notifying SNS topics, and AWS
 * Backup's view of the resources (recovery points, protected resources, backup jobs). About a fifth of each kind
 * is non-compliant so every rule takes its slower paths too. Quota-bounded things (backup plans and selections,
 * vaults and their access policies, restore testing plans, region settings) stay fixed per region (see
 * {@link #SELECTIONS_PER_REGION}); everything else grows with the size. Resources tagged {@link #TIER1} (about a
 * fifth of each kind) are tier-1 for the harness's engine.
 */
final class SyntheticEstate {
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
    private static final String ACCOUNT = "111122223333";
    static final int SELECTIONS_PER_REGION = 24;
    private static final String[] TEAMS = {"payments", "search", "data", "web", "platform", "mobile"};
    /** The tier-1 selector the harness configures (as a tier1 section of relyscan.yaml would). */
    static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private static final Instant NOW = InventoryFixture.CAPTURED_AT;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final String DENY_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyDelete\","
            + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"backup:DeleteRecoveryPoint\","
            + "\"backup:UpdateRecoveryPointLifecycle\",\"backup:PutBackupVaultAccessPolicy\"],\"Resource\":\"*\"%s}]}";

    private SyntheticEstate() {
    }

    static Inventory build(int size, long seed) {
        Random random = new Random(seed);
        InventoryFixture f = InventoryFixture.create();
        int perRegion = Math.max(100, size / REGIONS.size());
        for (int r = 0; r < REGIONS.size(); r++) {
            String region = REGIONS.get(r);
            f.scope(ACCOUNT, region);
            addRegion(f, r, region, REGIONS.get((r + 1) % REGIONS.size()), perRegion, random);
        }
        return f.build();
    }

    private static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    private static void addRegion(InventoryFixture f, int regionIndex, String region, String nextRegion, int k,
                                  Random random) {
        String[] zones = {region + "a", region + "b", region + "c"};
        String vault = "vault-" + region;
        int added = 0;
        for (String zone : zones) {
            f.zone(zone, "availability-zone");
            added++;
        }
        int subnets = Math.max(6, k / 100);
        for (int i = 0; i < subnets; i++) {
            // A fifth nearly full: groups confined to them cannot scale to MaxSize.
            f.subnet("subnet-" + region + "-" + i, zones[i % 3], i % 5 == 4 ? random.nextInt(3)
                    : 50 + random.nextInt(200));
            added++;
        }
        int groups = Math.max(2, k / 400);
        for (int i = 0; i < groups; i++) {
            boolean narrow = random.nextInt(5) == 0;
            f.dbSubnetGroup("db-subnets-" + i, g -> narrow ? g.zones(zones[0]) : g.zones(zones));
            boolean unsafe = i % 5 == 1;
            f.dbParameterGroup("mysql-params-" + i, p -> p.family("mysql8.0")
                    .set("sync_binlog", unsafe ? "0" : "1").set("innodb_flush_log_at_trx_commit", "1"));
            added += 2;
        }
        // Region 3's event subscription misses failovers and maintenance; its Config recorder is stopped.
        f.dbEventSubscription("rds-events", s -> regionIndex == 3 ? s.categories("failure") : s);
        f.configRecorder("default", r -> regionIndex == 3 ? r.recording(false) : r);
        added += 2;

        // ---- fixed per region: vaults and their policies, region settings, restore testing, plans, selections
        // Two vaults: the plans' target (Default) and the one recovery points are listed in. One of the eight
        // policies is missing, one has a condition that keeps its Deny from counting; one vault is unlocked.
        f.backupVault(vault);
        f.backupVault("Default", v -> regionIndex == 0 ? v.unlocked() : v);
        f.backupVaultAccessPolicy(vault, String.format(DENY_POLICY, regionIndex == 3
                ? ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}" : ""));
        f.backupVaultAccessPolicy("Default", regionIndex == 1 ? null : String.format(DENY_POLICY, ""));
        added += 4;
        // Region 1 leaves DynamoDB backups unmanaged (WARN), region 2 opts Aurora out while selections pick its
        // clusters (FAIL), region 3 opts out a type nothing selects (PASS).
        f.backupRegionSettings(Map.of("RDS", true, "Aurora", regionIndex != 2, "EC2", true, "EBS", true,
                        "DynamoDB", regionIndex != 3, "EFS", true),
                Map.of("DynamoDB", regionIndex != 1, "EFS", true));
        added++;
        // Region 3's restore tests leave EBS out.
        if (regionIndex == 3) {
            f.restoreTestingPlan("weekly-restore-test", "RDS", "Aurora", "EC2");
        } else {
            f.restoreTestingPlan("weekly-restore-test", "RDS", "Aurora", "EC2", "EBS");
        }
        added++;
        // Plans and selections do not grow with the estate: AWS quotas bound them (tens per region in practice),
        // and backup-resource-assigned costs resources x selections of the region. Keeping them fixed makes the
        // work per resource comparable across sizes. Plans 0-2 copy to the next region; plan 3 is weekly, keeps
        // 7 days and copies nowhere.
        int plans = 4;
        String copyTarget = "arn:aws:backup:" + nextRegion + ":" + ACCOUNT + ":backup-vault:vault-" + nextRegion;
        for (int i = 0; i < plans; i++) {
            boolean weak = i == 3;
            f.backupPlan("plan-" + region + "-" + i, p -> weak
                    ? p.onlyRule("weekly", r -> r.schedule("cron(0 5 ? * SUN *)").deleteAfterDays(7L)
                            .completionWindow(10080L))
                    : p.onlyRule("daily", r -> r.copyTo(copyTarget)));
            added++;
        }
        int selections = SELECTIONS_PER_REGION;
        for (int i = 0; i < selections; i++) {
            String plan = "plan-" + region + "-" + (i % plans);
            String team = TEAMS[i / 3 % TEAMS.length]; // every team has a selection of each kind
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

        // ---- SNS topics the alarms notify: one shared, one per team (mobile's has no confirmed subscription),
        // and application topics growing with the estate (a fifth unconfirmed).
        f.snsTopic("ops-alerts");
        added++;
        for (String team : TEAMS) {
            f.snsTopic("alerts-" + team, team.equals("mobile") ? 0 : 2, team.equals("mobile") ? 1 : 0);
            added++;
        }
        int appTopics = k / 1000;
        for (int i = 0; i < appTopics; i++) {
            f.snsTopic("app-alerts-" + i, i % 5 == 4 ? 0 : 1, 0);
            added++;
        }
        String opsTopic = f.arn("sns", "ops-alerts");

        // ---- restore jobs: a few per week and type, the newest of each type decides (region 1's EC2 restore
        // failed last, region 2's RDS restore exceeded the RTO).
        String[] restoreTypes = {"RDS", "Aurora", "EC2", "EBS"};
        int restoreJobs = Math.max(8, k / 1000);
        for (int j = 0; j < restoreJobs; j++) {
            final int i = j;
            String type = restoreTypes[i % restoreTypes.length];
            boolean newest = i < restoreTypes.length;
            boolean failed = newest ? regionIndex == 1 && type.equals("EC2") : i % 10 == 7;
            boolean slow = newest ? regionIndex == 2 && type.equals("RDS") : i % 10 == 3;
            f.restoreJob("restore-" + region + "-" + i, r -> r.resourceType(type).byPlan("weekly-restore-test")
                    .ran(1 + i / restoreTypes.length % 80, slow ? 300L : 30L)
                    .status(failed ? "FAILED" : "COMPLETED").statusMessage(failed ? "restore role denied" : null));
            added++;
        }

        // ---- Aurora clusters and their members
        int clusters = k / 200;
        for (int c = 0; c < clusters; c++) {
            final int i = c;
            String id = TEAMS[i % TEAMS.length] + "-aurora-" + i;
            boolean oneZone = random.nextInt(5) == 0;
            boolean tier1 = i % 5 == 3;
            f.dbInstance(id + "-1", db -> db.engine("aurora-mysql").cluster(id).az(zones[0]).monitoringInterval(60));
            f.dbInstance(id + "-2", db -> db.engine("aurora-mysql").cluster(id).az(oneZone ? zones[0] : zones[1])
                    .monitoringInterval(60));
            f.dbCluster(id, cl -> {
                cl.engine("aurora-mysql").member(id + "-1", true).member(id + "-2", false)
                        .dbSubnetGroup("db-subnets-0").tag("team", TEAMS[random.nextInt(TEAMS.length)])
                        .tag("env", "prod").tag("backup", i % 5 == 1 ? "none" : "daily");
                return tier1 ? cl.tag("criticality", "tier-1") : cl;
            });
            added += 3;
            String arn = f.arn("rds", "cluster:" + id);
            if (i % 5 != 1) {
                added += backups(f, vault, region, "aurora-" + i, arn, "Aurora", i, "plan-" + region + "-0");
            }
            if (tier1 && i % 25 != 8) {
                f.alarm(id + "-cpu", a -> a.metric("AWS/RDS", "CPUUtilization").dimensions("DBClusterIdentifier", id));
                added++;
            }
        }

        // ---- standalone DB instances: a FreeStorageSpace reading for two thirds of them
        int databases = k * 3 / 100;
        for (int d = 0; d < databases; d++) {
            final int i = d;
            String team = TEAMS[i % TEAMS.length];
            boolean bad = random.nextInt(5) == 0;
            boolean tier1 = i % 5 == 2;
            int group = i % groups;
            String id = team + "-db-" + i + (bad ? "-scratch" : "");
            f.dbInstance(id, db -> {
                db.engine("mysql").multiAz(!bad)
                        .backupRetention(bad ? 1 : 7).deletionProtection(!bad).monitoringInterval(bad ? 0 : 60)
                        .dbSubnetGroup("db-subnets-" + group).parameterGroups("mysql-params-" + group)
                        .storage(100, bad ? null : 500).tag("team", team).tag("env", bad ? "dev" : "prod")
                        .tag("backup", bad ? "none" : "daily");
                return tier1 ? db.tag("criticality", "tier-1") : db;
            });
            added++;
            if (i % 3 != 0) {
                double percent = i % 15 == 1 ? 5 : i % 15 == 4 ? 15 : 60;
                f.freeStorageSpace(id, percent / 100 * 100 * GIB);
                added++;
            }
            if (!bad) {
                added += backups(f, vault, region, "db-" + i, f.arn("rds", "db:" + id), "RDS", i,
                        "plan-" + region + "-1");
            }
            if (tier1) {
                f.alarm(id + "-cpu", a -> a.metric("AWS/RDS", "CPUUtilization").dimensions("DBInstanceIdentifier", id));
                added++;
                if (i % 25 != 7) {
                    f.alarm(id + "-free-storage", a -> a.metric("AWS/RDS", "FreeStorageSpace")
                            .dimensions("DBInstanceIdentifier", id).treatMissingData("breaching"));
                    added++;
                }
            }
        }

        // ---- load balancers and their target groups
        int balancers = Math.max(1, k / 100);
        for (int b = 0; b < balancers; b++) {
            final int i = b;
            boolean single = random.nextInt(5) == 0;
            boolean tier1 = i % 5 == 4;
            String name = "lb-" + i;
            f.loadBalancer(name, lb -> {
                lb = single ? lb.type("network").azs(zones[0]) : lb.azs(zones[0], zones[1]);
                if (i % 5 == 3) {
                    lb.attribute("load_balancing.cross_zone.enabled", "false");
                } else if (i % 5 == 1) {
                    lb.attribute("deletion_protection.enabled", "false");
                }
                return tier1 ? lb.tag("criticality", "tier-1") : lb;
            });
            // Attached, so the target rules join each group to its load balancer through the index.
            String lbSuffix = (single ? "net" : "app") + "/" + name + "/0123456789abcdef";
            String lbArn = f.arn("elasticloadbalancing", "loadbalancer/" + lbSuffix);
            f.targetGroup("tg-" + i, tg -> {
                // A fifth keep every target in one zone, another fifth deregister without draining.
                tg.loadBalancer(lbArn).target("i-" + i + "a", zones[0], "healthy")
                        .target("i-" + i + "b", i % 5 == 0 ? zones[0] : zones[1],
                                random.nextInt(10) == 0 ? "unhealthy" : "healthy");
                if (i % 5 == 2) {
                    tg.attribute("deregistration_delay.timeout_seconds", "0");
                }
                return tier1 ? tg.tag("criticality", "tier-1") : tg;
            });
            added += 2;
            if (tier1) {
                String ns = single ? "AWS/NetworkELB" : "AWS/ApplicationELB";
                List<String> metrics = single ? List.of("UnHealthyHostCount")
                        : List.of("HTTPCode_ELB_5XX_Count", "TargetResponseTime");
                for (String metric : metrics.subList(0, i % 25 == 9 ? metrics.size() - 1 : metrics.size())) {
                    f.alarm(name + "-" + metric, a -> a.metric(ns, metric).dimensions("LoadBalancer", lbSuffix));
                    added++;
                }
                // One UnHealthyHostCount alarm on TargetGroup + LoadBalancer covers the group (and an ALB).
                f.alarm("tg-" + i + "-unhealthy", a -> a.metric(ns, "UnHealthyHostCount").dimensions(
                        "TargetGroup", "targetgroup/tg-" + i + "/0123456789abcdef", "LoadBalancer", lbSuffix));
                added++;
            }
        }

        // ---- Auto Scaling groups with launch templates, AMIs, scaling policies, activities and alarms
        int asgs = Math.max(10, k / 100);
        for (int g0 = 0; g0 < asgs; g0++) {
            final int i = g0;
            boolean bad = random.nextInt(5) == 0;
            boolean tier1 = i % 5 == 0;
            String name = "asg-" + i;
            String subnetA = "subnet-" + region + "-" + (i % subnets);
            String subnetB = "subnet-" + region + "-" + ((i + 1) % subnets);
            String tgArn = f.arn("elasticloadbalancing", "targetgroup/tg-" + (i % balancers) + "/0123456789abcdef");
            String templateId = "lt-" + i;
            String ami = "ami-" + region + "-" + i;
            // R17: a twentieth each reference a deleted template, a deregistered AMI, a deleted launch
            // configuration or a deleted template version; another twentieth use an existing configuration.
            int launch = i % 20;
            f.autoScalingGroup(name, g -> {
                g = bad ? g.subnets(subnetA).azs(zones[i % 3]).healthCheckType("EC2").targetGroupArns(tgArn)
                        .capacity(1, 1, 4).singleInstanceType()
                        : g.subnets(subnetA, subnetB).targetGroupArns(tgArn).tag("team", TEAMS[i % TEAMS.length]);
                switch (launch) {
                    case 2 -> g.launchConfiguration("lc-" + i);
                    case 11 -> g.launchConfiguration("lc-deleted-" + i);
                    case 16 -> g.launchTemplates(new LaunchTemplateSpec(templateId, "web-" + i, "5"));
                    default -> g.launchTemplates(new LaunchTemplateSpec(launch == 1 ? "lt-deleted-" + i : templateId,
                            "web-" + i, i % 2 == 0 ? LaunchTemplateSpec.LATEST : LaunchTemplateSpec.DEFAULT));
                }
                // R15: a tenth are short of capacity for hours, a tenth failed a launch in the last day.
                if (i % 10 == 3 && !bad) {
                    g.instance("i-" + name + "-1", zones[0], "InService", "Healthy");
                }
                if (i % 10 == 8) {
                    g.suspend("ReplaceUnhealthy");
                }
                if (i % 10 == 4) {
                    g.subnets("subnet-" + region + "-4"); // nearly full (see the subnets above)
                }
                return tier1 ? g.tag("criticality", "tier-1") : g;
            });
            added++;
            if (launch == 2) {
                f.launchConfiguration("lc-" + i, ami);
                added++;
            }
            f.launchTemplateVersion(templateId, "web-" + i, 1, true, false, ami);
            f.launchTemplateVersion(templateId, "web-" + i, 2, false, true, ami);
            added += 2;
            if (launch != 6) {
                f.machineImage(ami, i % 40 == 12 ? "failed" : MachineImage.AVAILABLE);
                added++;
            }
            boolean failedLaunch = i % 10 == 7;
            f.scalingActivity(name, name + "-act-1", "Successful", ago(Duration.ofHours(20)),
                    ago(Duration.ofHours(20).minusMinutes(3)), null);
            f.scalingActivity(name, name + "-act-2", failedLaunch ? "Failed" : "Successful",
                    ago(Duration.ofHours(3)), ago(Duration.ofHours(3).minusMinutes(2)),
                    failedLaunch ? "We currently do not have sufficient capacity in the Availability Zone" : null);
            added += 2;
            // A target-tracking policy with its two alarms (the scale-in one sits in ALARM by design) and a step
            // policy with its alarm; a tenth of the step policies were deleted under their alarm.
            f.scalingPolicy(name, "cpu-target", "TargetTrackingScaling");
            added++;
            String target = f.scalingPolicyArn(name, "cpu-target");
            f.alarm("TargetTracking-" + name + "-AlarmHigh-" + i, a -> a.alarmActions(target)
                    .metric("AWS/EC2", "CPUUtilization").dimensions("AutoScalingGroupName", name));
            f.alarm("TargetTracking-" + name + "-AlarmLow-" + i, a -> a.alarmActions(target)
                    .metric("AWS/EC2", "CPUUtilization").dimensions("AutoScalingGroupName", name)
                    .state("ALARM", ago(Duration.ofDays(10))));
            added += 2;
            if (i % 10 != 5) {
                f.scalingPolicy(name, "step-out", "StepScaling");
                added++;
            }
            String step = f.scalingPolicyArn(name, "step-out");
            f.alarm(name + "-high-cpu", a -> a.alarmActions(step, opsTopic).metric("AWS/EC2", "CPUUtilization")
                    .dimensions("AutoScalingGroupName", name));
            added++;
            if (tier1 && i % 25 != 10) {
                f.alarm(name + "-in-service", a -> a.metric("AWS/AutoScaling", "GroupInServiceInstances")
                        .dimensions("AutoScalingGroupName", name));
                added++;
            }
        }

        // ---- other alarms: states, missing-data handling, action targets, composites, metric math
        int alarms = k * 5 / 100;
        for (int a0 = 0; a0 < alarms; a0++) {
            final int i = a0;
            String name = "alarm-" + i;
            if (i % 50 == 49) {
                f.alarm("composite-" + i, a -> a.composite("ALARM(\"alarm-" + (i - 1) + "\") OR ALARM(alarm-"
                        + (i - 2) + ")").state(i % 100 == 99 ? "INSUFFICIENT_DATA" : "OK", ago(Duration.ofDays(2))));
            } else if (random.nextInt(5) == 0) {
                f.alarm(name, a -> a.alarmActions().actionsEnabled(random.nextBoolean()));
            } else {
                String action = i % 20 == 11 ? f.arn("sns", "deleted-topic")
                        : i % 7 == 1 ? f.arn("sns", "alerts-" + TEAMS[i % TEAMS.length])
                        : i % 13 == 5 && appTopics > 0 ? f.arn("sns", "app-alerts-" + i % appTopics) : opsTopic;
                f.alarm(name, a -> {
                    a.alarmActions(action).dimensions("InstanceId", "i-" + region + "-" + i)
                            .actionsEnabled(i % 20 != 17);
                    if (i % 25 == 12) {
                        a.metricMath(new AlarmMetric("m1", "AWS/EC2", "NetworkIn", Map.of("InstanceId", "i-" + i)),
                                new AlarmMetric("m2", "AWS/EC2", "NetworkOut", Map.of("InstanceId", "i-" + i)));
                    }
                    return switch (i % 20) {
                        case 3, 13 -> a.state("INSUFFICIENT_DATA", ago(Duration.ofDays(3))).metricFound(i % 40 == 3);
                        case 6 -> a.state("INSUFFICIENT_DATA", ago(Duration.ofHours(2)));
                        case 9 -> a.state("INSUFFICIENT_DATA", ago(Duration.ofDays(5)))
                                .treatMissingData("notBreaching");
                        case 16 -> a.state("ALARM", ago(Duration.ofDays(1)));
                        case 19 -> a.state("ALARM", ago(Duration.ofDays(12)));
                        default -> a;
                    };
                });
            }
            added++;
        }

        // ---- EC2 instances fill the rest, each with its root volume; standalone ones with snapshots, a tenth
        // with a detached data volume; what the backup selections assign has its recovery point and jobs.
        for (int e0 = 0; added < k; e0++) {
            final int i = e0;
            String team = TEAMS[i % TEAMS.length];
            boolean inGroup = i % 3 == 0;
            boolean odd = random.nextInt(10) == 0;
            boolean tier1 = i % 5 == 1;
            boolean dev = !inGroup && i % 10 == 4;
            String env = dev ? "dev" : "prod";
            String id = "i-" + region + "-" + i;
            // Region 3 crowds its instances into two zones.
            String zone = zones[regionIndex == 3 ? i % 5 % 3 : i % 3];
            int recovery = i % 15;
            f.ec2Instance(id, e -> {
                e.az(zone).tag("team", team).tag("env", env);
                if (tier1) {
                    e.tag("criticality", "tier-1");
                }
                if (inGroup) {
                    e.inAutoScalingGroup("asg-" + (i % asgs));
                } else if (recovery == 2 || recovery == 8) {
                    e.autoRecovery("disabled");
                } else if (recovery == 5) {
                    e.instanceType("i3.large").autoRecoverySupported(false);
                }
                if (odd) {
                    e.monitoring("disabled").event("instance-retirement", "retiring hardware");
                }
                return e;
            });
            added++;
            if (!inGroup && recovery == 8) {
                f.alarm(id + "-recover", a -> a.alarmActions("arn:aws:automate:" + region + ":ec2:recover", opsTopic)
                        .metric("AWS/EC2", "StatusCheckFailed_System").dimensions("InstanceId", id));
                added++;
            }
            String volume = "vol-" + region + "-" + i;
            f.ebsVolume(volume, v -> {
                v.az(zone).attachedTo(id).tag("team", team).tag("env", env);
                return tier1 ? v.tag("criticality", "tier-1") : v;
            });
            added++;
            if (!inGroup) {
                added += snapshots(f, volume, i);
            }
            if (!dev) {
                added += backups(f, vault, region, "ec2-" + i, f.arn("ec2", "instance/" + id), "EC2", i,
                        "plan-" + region + "-2");
            }
            if (i % 10 == 9) {
                String data = volume + "-data";
                boolean ephemeral = i % 20 == 9;
                f.ebsVolume(data, v -> {
                    v.az(zone).unattached().tag("team", team).tag("env", "prod");
                    return ephemeral ? v.tag("ephemeral", "true") : v;
                });
                added++;
                if (!ephemeral) {
                    added += snapshots(f, data, i / 10);
                    added += backups(f, vault, region, "ebs-" + i, f.arn("ec2", "volume/" + data), "EBS", i / 10,
                            "plan-" + region + "-2");
                }
            }
        }
    }

    /** Snapshots of a volume: mostly a recent one, a fifth old (7-30 days: WARN) or none or older (FAIL), a few
     * archived. Returns how many. */
    private static int snapshots(InventoryFixture f, String volume, int i) {
        switch (i % 5) {
            case 0 -> {
                f.ebsSnapshot(volume + "-s1", volume, Duration.ofHours(20));
                f.ebsSnapshot(volume + "-s2", volume, Duration.ofDays(8));
                return 2;
            }
            case 3 -> {
                f.ebsSnapshot(volume + "-s1", volume, i % 10 == 3 ? Duration.ofDays(10) : Duration.ofHours(30));
                return 1;
            }
            case 4 -> {
                if (i % 20 == 4) {
                    return 0;
                }
                f.ebsSnapshot(volume + "-s1", volume, i % 20 == 14 ? Duration.ofDays(45) : Duration.ofHours(12));
                return 1;
            }
            default -> {
                f.ebsSnapshot(volume + "-s1", volume, Duration.ofDays(2),
                        s -> i % 25 == 11 ? s.storageTier("archive") : s);
                return 1;
            }
        }
    }

    /**
     * AWS Backup's records of a resource a plan backs up: its newest recovery point (a fifth stale, failed or
     * kept too briefly), the protected resource and the jobs of the week (a tenth failed, half of them followed
     * by a completed job). Returns how many records were added.
     */
    private static int backups(InventoryFixture f, String vault, String region, String key, String resourceArn,
                               String type, int i, String plan) {
        int added = 0;
        switch (i % 25) {
            case 4 -> { // protected once, but no recovery point is listed any more
                f.protectedResource(resourceArn, type, NOW.minus(Duration.ofHours(30)));
                return 1 + jobs(f, region, key, resourceArn, true);
            }
            case 9 -> f.recoveryPoint(vault, "rp-" + key, resourceArn, p -> p.resourceType(type)
                    .createdAgo(Duration.ofDays(3)).createdByPlan(plan));
            case 14 -> f.recoveryPoint(vault, "rp-" + key, resourceArn, p -> p.resourceType(type)
                    .status("EXPIRED").createdByPlan(plan));
            case 19 -> f.recoveryPoint(vault, "rp-" + key, resourceArn, p -> p.resourceType(type)
                    .retentionDays(7));
            default -> f.recoveryPoint(vault, "rp-" + key, resourceArn, p -> p.resourceType(type).createdByPlan(plan));
        }
        added++;
        f.protectedResource(resourceArn, type, NOW.minus(Duration.ofHours(6)));
        added++;
        return added + jobs(f, region, key, resourceArn, i % 10 == 7);
    }

    private static int jobs(InventoryFixture f, String region, String key, String resourceArn, boolean failed) {
        f.backupJob(BackupJob.Kind.BACKUP, "job-" + region + "-" + key + "-1", resourceArn, "COMPLETED",
                Duration.ofHours(30));
        if (!failed) {
            return 1;
        }
        // Half the failures are still open, half were followed by a completed job.
        boolean open = key.hashCode() % 2 == 0;
        f.backupJob(BackupJob.Kind.BACKUP, "job-" + region + "-" + key + "-2", resourceArn, "FAILED",
                open ? Duration.ofHours(6) : Duration.ofDays(3));
        return 2;
    }
}
