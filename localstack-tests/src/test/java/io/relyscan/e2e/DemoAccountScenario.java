package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.backup.model.CreateBackupPlanResponse;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small but realistic account in two regions, with a good and a bad resource for every rule the scanner
 * ships, wherever moto can show both (R07 cannot pass and R22 cannot fail in moto; the example's README says
 * why). The resources and what each one is meant to show are listed in {@code examples/demo-account/README.md};
 * the expected findings are written out in {@link ScanEndToEndTest}.
 *
 * <p>moto launches every instance of an Auto Scaling group in the group's first subnet, so the order of a
 * group's subnets decides where its instances run; the orders below spread us-east-1's running instances
 * evenly (three per zone) and leave eu-west-1's all in one zone.
 *
 * <p>Everything is created through the AWS SDK against the emulator itself; backup selections, which moto
 * cannot store, are registered with the {@link BackupOverlay} under the plan ids moto returned. On a backend
 * without some service (LocalStack community), the parts needing it are skipped.
 */
public final class DemoAccountScenario {
    public static final String PRIMARY = "us-east-1";
    public static final String SECONDARY = "eu-west-1";
    public static final List<String> REGIONS = List.of(PRIMARY, SECONDARY);
    /** Where the backup plan copies recovery points; never scanned. */
    static final String DR_REGION = "us-west-2";
    /** Recovery point ids (R38, R40, R43): AWS names Backup-native points by a UUID, EC2 backups by their AMI. */
    static final String RP_ORDERS_DAILY = "8D2F6B1E-4C3A-4F7E-9B0D-5A1C2E3F4A01";
    static final String RP_BILLING_DAILY = "8D2F6B1E-4C3A-4F7E-9B0D-5A1C2E3F4A02";
    static final String RP_PAYMENTS_ON_DEMAND = "8D2F6B1E-4C3A-4F7E-9B0D-5A1C2E3F4A03";
    static final String RP_OPS_HOST_AMI = "ami-0b5e7c9d1f3a2e4c6";
    static final String RP_ORDERS_ON_DEMAND = "8D2F6B1E-4C3A-4F7E-9B0D-5A1C2E3F4A05";
    static final String RP_ORDERS_EU_COPY = "8D2F6B1E-4C3A-4F7E-9B0D-5A1C2E3F4A06";

    static final String AMI = "ami-0a1b2c3d4e5f60718";
    static final String DB_PASSWORD = "demo-password-not-secret";
    /** moto has no default version for some engines (mariadb: KeyError, HTTP 500), so every call names one. */
    static final Map<String, String> ENGINE_VERSIONS = Map.of(
            "postgres", "16.4",
            "mysql", "8.0.39",
            "mariadb", "10.11.9",
            "aurora-postgresql", "16.4",
            "aurora-mysql", "8.0.mysql_aurora.3.07.1");

    private final Emulator emulator;
    private final BackupOverlay overlay;

    /**
     * What the scenario created that a test needs and cannot know in advance.
     *
     * @param instanceIdsByAsg     EC2 instance ids each Auto Scaling group holds (launched or attached), keyed by
     *                             "region/asg-name"
     * @param standaloneInstanceIds EC2 instances outside any group, keyed by "region/Name-tag"
     * @param backupPlanIds        the plan ids the emulator assigned, keyed by "region/plan-name"
     * @param volumeIds            EBS volume ids: a volume with a Name tag keyed by "region/Name-tag", every other
     *                             (the root volume moto gives each instance) by the id of its instance
     */
    public record Built(String account, Map<String, List<String>> instanceIdsByAsg,
                        Map<String, String> standaloneInstanceIds, Map<String, String> backupPlanIds,
                        Map<String, String> volumeIds) {
        public Built {
            instanceIdsByAsg = Map.copyOf(instanceIdsByAsg);
            standaloneInstanceIds = Map.copyOf(standaloneInstanceIds);
            backupPlanIds = Map.copyOf(backupPlanIds);
            volumeIds = Map.copyOf(volumeIds);
        }
    }

    private DemoAccountScenario(Emulator emulator, BackupOverlay overlay) {
        this.emulator = emulator;
        this.overlay = overlay;
    }

    public static Built build(Emulator emulator, BackupOverlay overlay) {
        return new DemoAccountScenario(emulator, overlay).build();
    }

    private Built build() {
        Map<String, List<String>> instances = new TreeMap<>();
        Map<String, String> standalone = new TreeMap<>();
        Map<String, String> plans = new TreeMap<>();
        Map<String, String> volumes = new TreeMap<>();
        try (AwsClients c = new AwsClients(emulator.endpoint(), PRIMARY)) {
            new Region(c, "10.10", instances, standalone).buildPrimary(plans);
            recordVolumes(c, volumes);
        }
        try (AwsClients c = new AwsClients(emulator.endpoint(), SECONDARY)) {
            new Region(c, "10.20", instances, standalone).buildSecondary();
            recordVolumes(c, volumes);
        }
        return new Built(emulator.account(), instances, standalone, plans, volumes);
    }

    /** Every volume of the region: by "region/Name-tag" when named, else by its (first) instance's id. */
    private void recordVolumes(AwsClients c, Map<String, String> volumes) {
        if (!has(AwsService.EC2)) {
            return;
        }
        for (Volume v : c.ec2.describeVolumes(r -> { }).volumes()) {
            String name = v.tags().stream().filter(t -> t.key().equals("Name")).map(Tag::value).findFirst()
                    .orElse(null);
            if (name != null) {
                volumes.put(c.region() + "/" + name, v.volumeId());
            } else if (!v.attachments().isEmpty()) {
                volumes.put(v.attachments().get(0).instanceId(), v.volumeId());
            }
        }
    }

    private boolean has(AwsService service) {
        return emulator.supports(service);
    }

    /** Builds one region. */
    private final class Region {
        private final AwsClients c;
        private final String cidrPrefix;
        private final String region;
        private final Map<String, String> subnets = new LinkedHashMap<>();
        private final Map<String, String> zones = new LinkedHashMap<>();
        private final Map<String, List<String>> instances;
        private final Map<String, String> standalone;
        private String vpcId;
        /** CloudWatch dimension values (ARN suffixes app/name/id, targetgroup/name/id) of web-alb and web-tg. */
        private String webAlbDimension;
        private String webTgDimension;
        /** R33: the policy an alarm scales worker-asg with, and one deleted after an alarm was pointed at it. */
        private String workerScaleOut;
        private String workerScaleIn;

        Region(AwsClients c, String cidrPrefix, Map<String, List<String>> instances, Map<String, String> standalone) {
            this.c = c;
            this.cidrPrefix = cidrPrefix;
            this.region = c.region();
            this.instances = instances;
            this.standalone = standalone;
        }

        void buildPrimary(Map<String, String> plans) {
            network(Map.of("app-a", "a", "app-b", "b", "app-c", "c", "batch-a2", "a"));
            // Two /28 subnets (11 usable addresses each), too small for worker-asg's MaxSize.
            smallSubnet("worker-b", "b", ".200.0/28");
            smallSubnet("worker-c", "c", ".200.16/28");
            if (has(AwsService.RDS)) {
                // R11: demo-db spans three zones; reporting-db's group has two subnets in one zone.
                dbSubnetGroup("demo-db", "app-a", "app-b", "app-c");
                dbSubnetGroup("reporting-single-az", "app-a", "batch-a2");
                // R10: analytics-db's group sets sync_binlog=1 (safe); reporting-db's trades durability for
                // speed (sync_binlog=0, innodb_flush_log_at_trx_commit=2).
                dbParameterGroup("mysql-durable", "mysql8.0", Map.of("sync_binlog", "1"));
                dbParameterGroup("mysql-fast-commit", "mysql8.0",
                        Map.of("sync_binlog", "0", "innodb_flush_log_at_trx_commit", "2"));
                // R01/R04/R05/R39 all good: Multi-AZ, 7 days, protected, backed up by tag; storage can grow
                // to 200 GiB (R06).
                dbInstance(db("orders-db", "postgres").multiAz().retention(7).protect().maxStorage(200)
                        .tags(Map.of("backup", "daily", "tier", "1", "app", "orders")));
                // Multi-AZ and protected, but retention 1 day (R04 below the minimum); backed up by ARN.
                dbInstance(db("billing-db", "postgres").multiAz().retention(1).protect()
                        .tags(Map.of("tier", "1", "app", "billing")));
                // Single-AZ and unprotected; backed up by the Conditions selection (env=prod, team=data-*);
                // storage can grow to 100 GiB; durable MySQL parameters.
                dbInstance(db("analytics-db", "mysql").zone("b").retention(7).maxStorage(100)
                        .parameterGroup("mysql-durable")
                        .tags(Map.of("env", "prod", "team", "data-eng", "tier", "2")));
                // Everything wrong: single-AZ, no automated backups, unprotected, matched by no selection
                // (env=prod but team=web fails the AND of the Conditions selection), subnet group in one
                // zone, sync_binlog=0.
                dbInstance(db("reporting-db", "mysql").zone("a").retention(0).subnetGroup("reporting-single-az")
                        .parameterGroup("mysql-fast-commit")
                        .tags(Map.of("env", "prod", "team", "web", "tier", "3")));
                // Tagged backup=daily but excluded by the NotResources of the tag selection.
                dbInstance(db("scratch-db", "mariadb").zone("c").retention(1)
                        .tags(Map.of("backup", "daily", "env", "dev")));
                // A read replica of orders-db (moto copies MultiAZ, DeletionProtection, PubliclyAccessible,
                // MaxAllocatedStorage and tags from it).
                c.rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("orders-db-replica")
                        .sourceDBInstanceIdentifier("orders-db").dbInstanceClass("db.m6g.large")
                        .publiclyAccessible(false));
                // Aurora: writer in zone a, reader in zone b, protected, 7 days, backed up by tag.
                dbCluster("payments-aurora", "aurora-postgresql", 7, true, Map.of("backup", "daily", "tier", "1"));
                clusterMember("payments-aurora", "payments-aurora-1", "aurora-postgresql", "a");
                clusterMember("payments-aurora", "payments-aurora-2", "aurora-postgresql", "b");
                // Aurora: reader in the writer's zone, 1 day, unprotected, not backed up.
                dbCluster("catalog-aurora", "aurora-mysql", 1, false, Map.of("tier", "2"));
                clusterMember("catalog-aurora", "catalog-aurora-1", "aurora-mysql", "a");
                clusterMember("catalog-aurora", "catalog-aurora-2", "aurora-mysql", "a");
                // R08: failure, failover and maintenance events of instances and clusters go to on-call.
                String topic = "arn:aws:sns:" + region + ":" + emulator.account() + ":oncall";
                eventSubscription("db-instance-alerts", "db-instance", topic);
                eventSubscription("db-cluster-alerts", "db-cluster", topic);
            }
            String webTg = null;
            String apiTg = null;
            if (has(AwsService.ELBV2)) {
                webTg = targetGroup("web-tg", ProtocolEnum.HTTP, 80);
                apiTg = targetGroup("api-tg", ProtocolEnum.TCP, 8443);
                // R25: an ALB over two AZs passes, an NLB in one subnet fails.
                // R29: the ALB is protected from deletion, the NLB is not. R26: the NLB turns cross-zone load
                // balancing on (off by default for NLBs); the ALB has it always on.
                String alb = loadBalancer("web-alb", LoadBalancerTypeEnum.APPLICATION,
                        LoadBalancerSchemeEnum.INTERNET_FACING, webTg, ProtocolEnum.HTTP, 80, "app-a", "app-b");
                lbAttribute(alb, "deletion_protection.enabled", "true");
                // R35: web-alb and web-tg are tier-1 (tier=1) in scans with a tier1 config.
                String webTgArn = webTg;
                c.elbv2.addTags(r -> r.resourceArns(alb, webTgArn).tags(tag -> tag.key("tier").value("1")));
                webAlbDimension = alb.substring(alb.indexOf(":loadbalancer/") + ":loadbalancer/".length());
                webTgDimension = webTg.substring(webTg.indexOf(":targetgroup/") + 1);
                String nlb = loadBalancer("internal-nlb", LoadBalancerTypeEnum.NETWORK,
                        LoadBalancerSchemeEnum.INTERNAL, apiTg, ProtocolEnum.TCP, 8443, "app-a");
                lbAttribute(nlb, "load_balancing.cross_zone.enabled", "true");
                // R30: api-tg drops in-flight requests on deregistration (delay 0); web-tg keeps the 300 s default.
                tgAttribute(apiTg, "deregistration_delay.timeout_seconds", "0");
            }
            if (has(AwsService.ELB)) {
                // R30: connection draining on; R26: cross-zone left off (the classic default).
                classicLoadBalancer("legacy-clb", "app-a", "app-b");
                c.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerName("legacy-clb").loadBalancerAttributes(a -> a
                        .connectionDraining(d -> d.enabled(true).timeout(300))));
            }
            if (has(AwsService.AUTOSCALING)) {
                launchTemplate("demo-app", image("demo-app-ami"));
                // R17: api-asg launches from api-app, whose AMI is deregistered below, and also names a target
                // group deleted below; batch-asg launches from batch-app, deleted once the group existed.
                String apiAmi = image("api-app-ami");
                launchTemplate("api-app", apiAmi);
                launchTemplate("batch-app", image("batch-app-ami"));
                String retiredTg = has(AwsService.ELBV2) ? targetGroup("retired-tg", ProtocolEnum.HTTP, 8080) : null;
                // R12 + R13 good: three AZs, ELB health checks behind a target group. R14 good: two more
                // instances (in zones b and c) are attached and MinSize raised to 3, so every zone runs one.
                asg("web-asg", "ELB", List.of(webTg), List.of(), 1, 4, "app-a", "app-b", "app-c");
                attach("web-asg", 3, launch("web-asg-b", "app-b", false, asgTagsOf("web-asg")),
                        launch("web-asg-c", "app-c", false, asgTagsOf("web-asg")));
                // One AZ, and EC2 health checks although a target group routes to it.
                asgFrom("api-app", "api-asg", "EC2", retiredTg == null ? List.of(apiTg) : List.of(apiTg, retiredTg),
                        List.of(), 1, 2, "app-a");
                // Two AZs, behind a classic ELB, but EC2 health checks.
                asg("legacy-asg", "EC2", List.of(), List.of("legacy-clb"), 1, 2, "app-b", "app-a");
                // Two subnets in the same AZ count as one; no load balancer at all. Launch was suspended for a
                // maintenance and never resumed (R16).
                asgFrom("batch-app", "batch-asg", "EC2", List.of(), List.of(), 1, 2, "app-a", "batch-a2");
                suspend("batch-asg", "Launch");
                // ELB health checks with no traffic source to report them (the catalog's WARN); alarm
                // notifications suspended, so its scaling policies no longer act (R16's softer failure).
                asg("queue-asg", "ELB", List.of(), List.of(), 1, 2, "app-c", "app-b");
                suspend("queue-asg", "AlarmNotification");
                // R18 good: two instance types, Capacity Rebalancing on. R19 bad: its two /28 subnets hold
                // about 20 free addresses, not the 29 it needs to grow to MaxSize=30.
                mixedAsg("worker-asg", List.of("m5.large", "m6i.large"), 30, "worker-b", "worker-c");
                // R33: worker-asg's scale-out policy exists; its scale-in policy was deleted, so the alarm still
                // pointing at it scales nothing.
                workerScaleOut = scalingPolicy("worker-asg", "worker-scale-out", 2);
                workerScaleIn = scalingPolicy("worker-asg", "worker-scale-in", -1);
                c.autoscaling.deletePolicy(r -> r.autoScalingGroupName("worker-asg").policyName("worker-scale-in"));
                // R17: the groups keep referencing what is gone.
                c.ec2.deregisterImage(r -> r.imageId(apiAmi));
                c.ec2.deleteLaunchTemplate(r -> r.launchTemplateName("batch-app"));
                if (retiredTg != null) {
                    c.elbv2.deleteTargetGroup(r -> r.targetGroupArn(retiredTg));
                }
                // R15: legacy-asg's instance failed its health check (not replaced yet); queue-asg failed to
                // launch two hours ago (moto keeps no scaling activities: the overlay answers as AWS would).
                c.autoscaling.setInstanceHealth(r -> r.instanceId(instances.get(region + "/legacy-asg").get(0))
                        .healthStatus("Unhealthy"));
                overlay.registerScalingActivity(region, "queue-asg", "Failed", Duration.ofHours(2),
                        "We currently do not have sufficient t3.micro capacity in the Availability Zone you "
                                + "requested (us-east-1c). Launching EC2 instance failed.");
                if (has(AwsService.ELBV2)) {
                    // R28: api-asg's instance fails its health checks, which moto cannot show; the overlay
                    // answers DescribeTargetHealth for api-tg as AWS would.
                    overlay.registerTargetHealth("api-tg", instances.get(region + "/api-asg"), 8443, "unhealthy",
                            "Target.FailedHealthChecks", "Health checks failed");
                }
            }
            if (has(AwsService.EC2)) {
                // R23 good: a standalone host with detailed monitoring (backed up by tag).
                standalone("ops-host", launch("ops-host", "app-c", true,
                        Map.of("backup", "daily", "app", "ops")));
                // R21/R24 (one more standalone host per zone, so R20 stays even; all with detailed monitoring
                // for R23). ops-host keeps the AWS default recovery on a supported type (R21 passes) and its root
                // volume was snapshotted just now (R24 passes; R39 covers it through the instance).
                snapshot(volumeOf(standalone.get(region + "/ops-host")), null, "standard");
                // cache-host is backed up by tag, but automatic recovery was turned off (R21's WARN); its root
                // volume's newest snapshot is 12 days old (R24's WARN).
                String cache = launch("cache-host", "app-a", true, Map.of("backup", "daily", "app", "cache"));
                standalone("cache-host", cache);
                autoRecovery(cache, "disabled");
                snapshot(volumeOf(cache), Duration.ofDays(12), "standard");
                // etl-host runs a type without automatic recovery (instance store, m5d) and nothing backs it
                // up (R21 and R39 fail); its root volume's last snapshot is 45 days old (R24 fails). Its scratch
                // volume is tagged ephemeral (R24 does not apply; R39 still fails it).
                String etl = launch("etl-host", "app-b", true, Map.of("app", "etl"), "m5d.large");
                standalone("etl-host", etl);
                snapshot(volumeOf(etl), Duration.ofDays(45), "standard");
                String scratch = volume("etl-scratch", "b", Map.of("ephemeral", "true"));
                c.ec2.attachVolume(r -> r.volumeId(scratch).instanceId(etl).device("/dev/sdf"));
                // legacy-host runs the same type, but an alarm recovers it (R21 passes); not backed up (R39) and
                // never snapshotted (R24 fails).
                String legacy = launch("legacy-host", "app-c", true, Map.of("app", "legacy"), "m5d.large");
                standalone("legacy-host", legacy);
                if (has(AwsService.CLOUDWATCH)) {
                    alarm("legacy-host-recover", "AWS/EC2", "StatusCheckFailed_System", "InstanceId", legacy,
                            List.of("arn:aws:automate:" + region + ":ec2:recover"), true);
                }
                // An unattached volume backed up by tag (R39 passes; R24 evaluates it too): its newest snapshot
                // was moved to the archive tier three days after it was taken (R24's WARN).
                String shared = volume("shared-archive", "a", Map.of("backup", "daily"));
                snapshot(shared, Duration.ofDays(40), "standard");
                snapshot(shared, Duration.ofDays(3), "archive");
            }
            String account = emulator.account();
            if (has(AwsService.SNS)) {
                // R33: oncall reaches a queue (a confirmed subscription); reports has no subscription at all;
                // retired-alerts was deleted while an alarm still notifies it.
                topic("oncall", "oncall-pager");
                topic("reports", null);
                c.sns.deleteTopic(r -> r.topicArn(topic("retired-alerts", null)));
            }
            if (has(AwsService.CLOUDWATCH)) {
                String oncall = "arn:aws:sns:" + region + ":" + emulator.account() + ":oncall";
                // R31 + R32 good.
                alarm("orders-db-cpu-high", "AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "orders-db",
                        List.of(oncall), true);
                // No actions: R31 fails.
                alarm("web-alb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer",
                        "app/web-alb/0123456789abcdef", List.of(), true);
                // Actions muted: R32 fails.
                alarm("catalog-aurora-replica-lag", "AWS/RDS", "AuroraReplicaLag", "DBClusterIdentifier",
                        "catalog-aurora", List.of(oncall), false);
                // R33 (custom metrics, so no other alarm rule counts them as coverage): a live scaling policy
                // (good), a deleted one and a deleted topic (FAIL), a topic nobody subscribed to (WARN). Without
                // Auto Scaling (LocalStack community) the policy ARNs are made up, for R31/R32's sake.
                String policyPrefix = "arn:aws:autoscaling:" + region + ":" + account
                        + ":scalingPolicy:00000000-0000-4000-8000-000000000000:autoScalingGroupName/worker-asg"
                        + ":policyName/";
                alarm("worker-backlog-high", "Demo/Worker", "BacklogPerInstance", "AutoScalingGroupName",
                        "worker-asg", List.of(workerScaleOut != null ? workerScaleOut
                                : policyPrefix + "worker-scale-out"), true);
                alarm("worker-backlog-low", "Demo/Worker", "BacklogPerInstance", "AutoScalingGroupName",
                        "worker-asg", List.of(workerScaleIn != null ? workerScaleIn : policyPrefix + "worker-scale-in"),
                        true);
                alarm("checkout-errors", "Demo/Checkout", "Errors", "Service", "checkout",
                        List.of("arn:aws:sns:" + region + ":" + account + ":retired-alerts"), true);
                alarm("nightly-report-failed", "Demo/Reports", "Failures", "Job", "nightly",
                        List.of("arn:aws:sns:" + region + ":" + account + ":reports"), true);
                // R35 (tier-1 in scans with a tier1 config): orders-db has both required alarms (CPU above, free
                // storage here); billing-db only a metric-math alarm on its CPU (partial); web-tg's unhealthy-host
                // alarm also covers web-alb's UnHealthyHostCount, but web-alb has no 5XX or latency alarm of its
                // own (web-alb-5xx names a made-up load balancer id).
                alarm("orders-db-free-storage", "AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "orders-db",
                        List.of(oncall), true);
                c.cloudwatch.putMetricAlarm(r -> r.alarmName("billing-db-cpu-ratio").evaluationPeriods(3)
                        .threshold(0.8).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .alarmActions(oncall).metrics(
                                MetricDataQuery.builder().id("cpu").returnData(false).metricStat(s -> s
                                        .metric(m -> m.namespace("AWS/RDS").metricName("CPUUtilization")
                                                .dimensions(Dimension.builder().name("DBInstanceIdentifier")
                                                        .value("billing-db").build()))
                                        .period(300).stat("Average")).build(),
                                MetricDataQuery.builder().id("ratio").expression("cpu / 100").returnData(true)
                                        .build()));
                if (webTgDimension != null) {
                    c.cloudwatch.putMetricAlarm(r -> r.alarmName("web-tg-unhealthy-hosts")
                            .namespace("AWS/ApplicationELB").metricName("UnHealthyHostCount")
                            .dimensions(Dimension.builder().name("TargetGroup").value(webTgDimension).build(),
                                    Dimension.builder().name("LoadBalancer").value(webAlbDimension).build())
                            .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(3).threshold(0.0)
                            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(oncall));
                }
                // R34: an alarm on a database deleted long ago waits for data (INSUFFICIENT_DATA). moto dates
                // every state change to now, so it is still within the 24 hours allowed (PASS), but ListMetrics
                // already shows that its metric does not exist (MetricFound=false in the evidence).
                alarm("retired-db-connections", "AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier",
                        "retired-db", List.of(oncall), true);
                c.cloudwatch.setAlarmState(r -> r.alarmName("retired-db-connections")
                        .stateValue(StateValue.INSUFFICIENT_DATA).stateReason("no datapoints for 3 periods"));
                if (has(AwsService.RDS)) {
                    // R06 metric mode: analytics-db has 3 GiB free of its 50 (6%, below 10%: FAIL); orders-db has
                    // 40 GiB free (80%: its autoscaling decides, PASS).
                    freeStorageSpace("analytics-db", 3L << 30);
                    freeStorageSpace("orders-db", 40L << 30);
                }
            }
            if (has(AwsService.BACKUP)) {
                backup(plans);
            }
            if (has(AwsService.CONFIG)) {
                configRecorder();
            }
        }

        void buildSecondary() {
            network(Map.of("eu-app-a", "a", "eu-app-b", "b"));
            if (has(AwsService.RDS)) {
                // Two zones only: R11's softer failure.
                dbSubnetGroup("demo-db", "eu-app-a", "eu-app-b");
                // Good on R01/R04/R05/R06, but the region has no backup plan: R39 and R36 fail.
                dbInstance(db("eu-orders-db", "postgres").multiAz().retention(7).protect().maxStorage(200)
                        .tags(Map.of("backup", "daily", "tier", "1")));
                // Single-AZ, 3 days, unprotected.
                dbInstance(db("eu-audit-db", "mysql").zone("a").retention(3).tags(Map.of("tier", "2")));
                // No RDS event subscription in this region (R08 fails).
            }
            String tg = null;
            if (has(AwsService.ELBV2)) {
                tg = targetGroup("eu-web-tg", ProtocolEnum.HTTP, 80);
                // R26: the target group turns the ALB's cross-zone load balancing off; R29: not protected.
                tgAttribute(tg, "load_balancing.cross_zone.enabled", "false");
                loadBalancer("eu-web-alb", LoadBalancerTypeEnum.APPLICATION, LoadBalancerSchemeEnum.INTERNET_FACING,
                        tg, ProtocolEnum.HTTP, 80, "eu-app-a", "eu-app-b");
            }
            if (has(AwsService.ELB)) {
                // A classic ELB in one subnet: R25 fails.
                classicLoadBalancer("eu-legacy-clb", "eu-app-a");
            }
            if (has(AwsService.AUTOSCALING)) {
                launchTemplate("eu-demo-app", image("eu-demo-app-ami"));
                // Two zones and MinSize=2, but both instances run in eu-west-1a (R14's softer failure).
                asg("eu-web-asg", "ELB", List.of(tg), List.of(), 2, 2, "eu-app-a", "eu-app-b");
            }
            if (has(AwsService.EC2)) {
                // R23 bad: a standalone host with basic (5-minute) monitoring. With eu-web-asg's two instances
                // every running instance of the region is in eu-west-1a (R20 fails).
                standalone("eu-batch-host", launch("eu-batch-host", "eu-app-a", false, Map.of("app", "batch")));
            }
            if (has(AwsService.SNS)) {
                topic("oncall-eu", "oncall-eu-pager");
            }
            if (has(AwsService.CLOUDWATCH)) {
                alarm("eu-web-alb-latency", "AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer",
                        "app/eu-web-alb/0123456789abcdef",
                        List.of("arn:aws:sns:" + region + ":" + emulator.account() + ":oncall-eu"), true);
            }
            if (has(AwsService.BACKUP)) {
                // The copy target of us-east-1's daily-35d. Vault Lock in governance mode (no ChangeableForDays,
                // so no lock date): R43 fails.
                c.backup.createBackupVault(r -> r.backupVaultName("eu-dr-vault"));
                c.backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("eu-dr-vault").minRetentionDays(35L));
                if (overlay != null) {
                    // R41: Aurora is opted out, but no selection of this region picks anything (passes).
                    overlay.registerRegionSettings(region, Map.of("Aurora", false, "EC2", true, "RDS", true),
                            Map.of("DynamoDB", true, "EFS", true));
                    // R44: eu-dr-vault denies deletion, lifecycle changes and policy changes to everyone (passes).
                    overlay.registerVaultAccessPolicy(region, emulator.account(), "eu-dr-vault",
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"GuardRecoveryPoints\","
                                    + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"backup:DeleteRecoveryPoint\","
                                    + "\"backup:UpdateRecoveryPointLifecycle\",\"backup:PutBackupVaultAccessPolicy\"],"
                                    + "\"Resource\":\"*\"}]}");
                    // R46: no restore testing plan; the only restore (manual, of an RDS snapshot) was 120 days ago.
                    java.time.Instant restored = java.time.Instant.now().minus(Duration.ofDays(120));
                    overlay.registerRestoreJob(region, emulator.account(), "eu-rds-restore-1", "RDS", "COMPLETED",
                            null, restored, restored.plus(Duration.ofMinutes(40)), null);
                }
            }
            // Deliberately no backup plan, and no Config recorder, in this region.
        }

        private void network(Map<String, String> subnetZones) {
            vpcId = c.ec2.createVpc(r -> r.cidrBlock(cidrPrefix + ".0.0/16")
                    .tagSpecifications(tags(ResourceType.VPC, "demo-vpc"))).vpc().vpcId();
            int third = 1;
            for (Map.Entry<String, String> e : new TreeMap<>(subnetZones).entrySet()) {
                String cidr = cidrPrefix + "." + third++ + ".0/24";
                String id = c.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr)
                        .availabilityZone(region + e.getValue())
                        .tagSpecifications(tags(ResourceType.SUBNET, e.getKey()))).subnet().subnetId();
                subnets.put(e.getKey(), id);
                zones.put(e.getKey(), region + e.getValue());
            }
        }

        /** A subnet with an explicit CIDR (suffix after the region's prefix), e.g. a small /28. */
        private void smallSubnet(String name, String zone, String cidrSuffix) {
            String id = c.ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidrPrefix + cidrSuffix)
                    .availabilityZone(region + zone).tagSpecifications(tags(ResourceType.SUBNET, name)))
                    .subnet().subnetId();
            subnets.put(name, id);
            zones.put(name, region + zone);
        }

        private TagSpecification tags(ResourceType type, String name) {
            return TagSpecification.builder().resourceType(type)
                    .tags(Tag.builder().key("Name").value(name).build()).build();
        }

        private String zoneOf(String subnetName) {
            return zones.get(subnetName);
        }

        private List<String> subnetIds(String... names) {
            List<String> ids = new ArrayList<>();
            for (String n : names) {
                ids.add(subnets.get(n));
            }
            return ids;
        }

        private void dbSubnetGroup(String name, String... subnetNames) {
            c.rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(name).dbSubnetGroupDescription("demo databases")
                    .subnetIds(subnetIds(subnetNames)));
        }

        /** A custom DB parameter group with these parameters set by the user. */
        private void dbParameterGroup(String name, String family, Map<String, String> parameters) {
            c.rds.createDBParameterGroup(r -> r.dbParameterGroupName(name).dbParameterGroupFamily(family)
                    .description(name));
            c.rds.modifyDBParameterGroup(r -> r.dbParameterGroupName(name).parameters(new TreeMap<>(parameters)
                    .entrySet().stream().map(e -> Parameter.builder().parameterName(e.getKey())
                            .parameterValue(e.getValue()).source("user").applyMethod(ApplyMethod.IMMEDIATE).build())
                    .toList()));
        }

        /** moto defaults Enabled to false (AWS: true), so it is always given. */
        private void eventSubscription(String name, String sourceType, String topicArn) {
            c.rds.createEventSubscription(r -> r.subscriptionName(name).snsTopicArn(topicArn).sourceType(sourceType)
                    .eventCategories("failure", "failover", "maintenance").enabled(true));
        }

        private List<software.amazon.awssdk.services.rds.model.Tag> rdsTags(Map<String, String> tags) {
            return new TreeMap<>(tags).entrySet().stream()
                    .map(e -> software.amazon.awssdk.services.rds.model.Tag.builder().key(e.getKey())
                            .value(e.getValue()).build())
                    .toList();
        }

        private Db db(String id, String engine) {
            return new Db(id, engine);
        }

        /**
         * Creates a standalone DB instance. PubliclyAccessible is always given: moto omits it otherwise, and
         * rules comparing members' exposure cannot judge a missing value.
         */
        private void dbInstance(Db db) {
            c.rds.createDBInstance(r -> {
                r.dbInstanceIdentifier(db.id).engine(db.engine).engineVersion(ENGINE_VERSIONS.get(db.engine))
                        .dbInstanceClass("db.m6g.large").allocatedStorage(Db.ALLOCATED_GIB)
                        .masterUsername("admin_user").masterUserPassword(DB_PASSWORD).multiAZ(db.multiAz)
                        .backupRetentionPeriod(db.retention).deletionProtection(db.deletionProtection)
                        .publiclyAccessible(false).dbSubnetGroupName(db.subnetGroup).tags(rdsTags(db.tags));
                if (db.zone != null) {
                    r.availabilityZone(region + db.zone);
                }
                if (db.maxStorage != null) {
                    r.maxAllocatedStorage(db.maxStorage);
                }
                if (db.parameterGroup != null) {
                    r.dbParameterGroupName(db.parameterGroup);
                }
            });
        }

        private void dbCluster(String id, String engine, int retention, boolean deletionProtection,
                               Map<String, String> tags) {
            c.rds.createDBCluster(r -> r.dbClusterIdentifier(id).engine(engine)
                    .engineVersion(ENGINE_VERSIONS.get(engine)).masterUsername("admin_user")
                    .masterUserPassword(DB_PASSWORD).backupRetentionPeriod(retention)
                    .deletionProtection(deletionProtection).dbSubnetGroupName("demo-db").tags(rdsTags(tags)));
        }

        /** The first member of a cluster is its writer, the others readers. */
        private void clusterMember(String cluster, String id, String engine, String zone) {
            c.rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(cluster).engine(engine)
                    .engineVersion(ENGINE_VERSIONS.get(engine)).dbInstanceClass("db.r6g.large")
                    .availabilityZone(region + zone).publiclyAccessible(false).dbSubnetGroupName("demo-db"));
        }

        private String targetGroup(String name, ProtocolEnum protocol, int port) {
            return c.elbv2.createTargetGroup(r -> r.name(name).protocol(protocol).port(port).vpcId(vpcId)
                    .targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0).targetGroupArn();
        }

        private String loadBalancer(String name, LoadBalancerTypeEnum type, LoadBalancerSchemeEnum scheme,
                                    String targetGroupArn, ProtocolEnum protocol, int port, String... subnetNames) {
            String arn = c.elbv2.createLoadBalancer(r -> r.name(name).type(type).scheme(scheme)
                    .subnets(subnetIds(subnetNames))).loadBalancers().get(0).loadBalancerArn();
            c.elbv2.createListener(r -> r.loadBalancerArn(arn).protocol(protocol).port(port)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
            return arn;
        }

        private void lbAttribute(String loadBalancerArn, String key, String value) {
            c.elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(loadBalancerArn)
                    .attributes(a -> a.key(key).value(value)));
        }

        private void tgAttribute(String targetGroupArn, String key, String value) {
            c.elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(targetGroupArn)
                    .attributes(a -> a.key(key).value(value)));
        }

        private void classicLoadBalancer(String name, String... subnetNames) {
            // AWS documents AvailabilityZones alongside Subnets (one subnet per zone); moto fills the zones only
            // from this parameter, never from the subnets.
            List<String> zones = java.util.Arrays.stream(subnetNames).map(this::zoneOf).distinct().toList();
            c.elb.createLoadBalancer(r -> r.loadBalancerName(name).subnets(subnetIds(subnetNames))
                    .availabilityZones(zones)
                    .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP")
                            .instancePort(8080)));
        }

        private void launchTemplate(String name, String imageId) {
            c.ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
                    .launchTemplateData(d -> d.imageId(imageId).instanceType("t3.micro")));
        }

        /** Registers an AMI (moto starts without any here: MOTO_EC2_LOAD_DEFAULT_AMIS=false); returns its id. */
        private String image(String name) {
            return c.ec2.registerImage(r -> r.name(name).rootDeviceName("/dev/xvda")).imageId();
        }

        private void asg(String name, String healthCheckType, List<String> targetGroupArns, List<String> classicNames,
                         int minAndDesired, int max, String... subnetNames) {
            asgFrom(template(), name, healthCheckType, targetGroupArns, classicNames, minAndDesired, max, subnetNames);
        }

        private void asgFrom(String template, String name, String healthCheckType, List<String> targetGroupArns,
                             List<String> classicNames, int minAndDesired, int max, String... subnetNames) {
            c.autoscaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName(template)
                            .version("$Latest").build())
                    .minSize(minAndDesired).maxSize(max).desiredCapacity(minAndDesired)
                    .vpcZoneIdentifier(String.join(",", subnetIds(subnetNames)))
                    .healthCheckType(healthCheckType).healthCheckGracePeriod(120)
                    .targetGroupARNs(targetGroupArns).loadBalancerNames(classicNames)
                    .tags(asgTags(name)));
            recordInstances(name);
        }

        /** Several instance types from one launch template, with Capacity Rebalancing; no load balancer. */
        private void mixedAsg(String name, List<String> instanceTypes, int max, String... subnetNames) {
            c.autoscaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .mixedInstancesPolicy(p -> p.launchTemplate(t -> t
                            .launchTemplateSpecification(s -> s.launchTemplateName(template()).version("$Latest"))
                            .overrides(instanceTypes.stream().map(type -> LaunchTemplateOverrides.builder()
                                    .instanceType(type).build()).toList())))
                    .capacityRebalance(true)
                    .minSize(1).maxSize(max).desiredCapacity(1)
                    .vpcZoneIdentifier(String.join(",", subnetIds(subnetNames)))
                    .tags(asgTags(name)));
            recordInstances(name);
        }

        private String template() {
            return region.equals(PRIMARY) ? "demo-app" : "eu-demo-app";
        }

        private void recordInstances(String name) {
            AutoScalingGroup g = c.autoscaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                    .autoScalingGroups().get(0);
            instances.put(region + "/" + name, g.instances().stream().map(Instance::instanceId).sorted().toList());
        }

        /** Attaches running instances to a group (which raises its desired capacity), then sets its MinSize. */
        private void attach(String name, int minSize, String... instanceIds) {
            c.autoscaling.attachInstances(r -> r.autoScalingGroupName(name).instanceIds(instanceIds));
            c.autoscaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(minSize));
            recordInstances(name);
        }

        private void suspend(String name, String process) {
            c.autoscaling.suspendProcesses(r -> r.autoScalingGroupName(name).scalingProcesses(process));
        }

        /** Runs one EC2 instance in a subnet, tagged with a Name and these tags; returns its id. */
        private String launch(String name, String subnetName, boolean detailedMonitoring, Map<String, String> tags) {
            return launch(name, subnetName, detailedMonitoring, tags, "t3.micro");
        }

        private String launch(String name, String subnetName, boolean detailedMonitoring, Map<String, String> tags,
                              String instanceType) {
            Map<String, String> all = new TreeMap<>(tags);
            all.put("Name", name);
            return c.ec2.runInstances(r -> r.imageId(AMI).instanceType(instanceType).minCount(1).maxCount(1)
                    .subnetId(subnets.get(subnetName)).monitoring(m -> m.enabled(detailedMonitoring))
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(all.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                                    .build()).toList()).build()))
                    .instances().get(0).instanceId();
        }

        private void standalone(String name, String instanceId) {
            standalone.put(region + "/" + name, instanceId);
        }

        /** The root volume moto created with the instance. */
        private String volumeOf(String instanceId) {
            return c.ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id").values(instanceId)))
                    .volumes().get(0).volumeId();
        }

        /** An 8 GiB gp3 volume in the zone, tagged with a Name and these tags; returns its id. */
        private String volume(String name, String zone, Map<String, String> tags) {
            Map<String, String> all = new TreeMap<>(tags);
            all.put("Name", name);
            return c.ec2.createVolume(r -> r.availabilityZone(region + zone).size(8).volumeType("gp3")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                            .tags(all.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                                    .build()).toList()).build())).volumeId();
        }

        /**
         * Snapshots a volume. moto dates every snapshot now and has no archive tier, so the overlay reports the
         * snapshot {@code age} old (null: as moto says) in {@code tier}.
         */
        private void snapshot(String volumeId, Duration age, String tier) {
            String id = c.ec2.createSnapshot(r -> r.volumeId(volumeId)).snapshotId();
            if (overlay != null && (age != null || !"standard".equals(tier))) {
                overlay.registerSnapshot(id, java.time.Instant.now().minus(age == null ? Duration.ZERO : age), tier);
            }
        }

        /** MaintenanceOptions.AutoRecovery as DescribeInstances reports it (moto omits it; the overlay adds it). */
        private void autoRecovery(String instanceId, String value) {
            if (overlay != null) {
                overlay.registerAutoRecovery(instanceId, value);
            }
        }

        /** The tags of a group that are propagated to its instances. */
        private Map<String, String> asgTagsOf(String name) {
            Map<String, String> tags = new TreeMap<>(Map.of("app", name));
            if (name.equals("web-asg")) {
                // web-asg's instances are backed up by the tag selection.
                tags.put("backup", "daily");
            }
            return tags;
        }

        private List<software.amazon.awssdk.services.autoscaling.model.Tag> asgTags(String name) {
            return asgTagsOf(name).entrySet().stream()
                    .map(e -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                            .key(e.getKey()).value(e.getValue()).propagateAtLaunch(true).build()).toList();
        }

        /** An SNS topic, subscribed by a new SQS queue when one is named (moto confirms it at once). */
        private String topic(String name, String queue) {
            String arn = c.sns.createTopic(r -> r.name(name)).topicArn();
            if (queue != null) {
                String url = c.sqs.createQueue(r -> r.queueName(queue)).queueUrl();
                String queueArn = c.sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
                c.sns.subscribe(r -> r.topicArn(arn).protocol("sqs").endpoint(queueArn));
            }
            return arn;
        }

        /** A simple scaling policy changing the group's capacity by {@code adjustment}; returns its ARN. */
        private String scalingPolicy(String group, String name, int adjustment) {
            c.autoscaling.putScalingPolicy(r -> r.autoScalingGroupName(group).policyName(name)
                    .policyType("SimpleScaling").adjustmentType("ChangeInCapacity").scalingAdjustment(adjustment));
            // moto's PutScalingPolicy answers "PolicyArn" where the API says "PolicyARN" (the SDK reads null).
            return c.autoscaling.describePolicies(r -> r.autoScalingGroupName(group).policyNames(name))
                    .scalingPolicies().get(0).policyARN();
        }

        /** A FreeStorageSpace datapoint (bytes) five minutes old, as RDS publishes it per instance. */
        private void freeStorageSpace(String dbInstance, long bytes) {
            c.cloudwatch.putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d.metricName("FreeStorageSpace")
                    .value((double) bytes).unit(StandardUnit.BYTES).timestamp(Instant.now().minusSeconds(300))
                    .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(dbInstance).build())));
        }

        private void alarm(String name, String namespace, String metric, String dimension, String value,
                           List<String> actions, boolean actionsEnabled) {
            c.cloudwatch.putMetricAlarm(r -> r.alarmName(name).namespace(namespace).metricName(metric)
                    .dimensions(Dimension.builder().name(dimension).value(value).build())
                    .statistic(Statistic.AVERAGE).period(300).evaluationPeriods(3).threshold(80.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .alarmActions(actions).actionsEnabled(actionsEnabled));
        }

        private void backup(Map<String, String> plans) {
            // Unlocked: R43 fails (INFO while nothing is tier-1).
            c.backup.createBackupVault(r -> r.backupVaultName("demo-vault"));
            // Vault Lock in compliance mode, but moto dates the lock ChangeableForDays (at least 3) ahead, so it
            // is still removable at scan time: R43 fails too (moto cannot show a lock past its grace period).
            c.backup.createBackupVault(r -> r.backupVaultName("locked-vault"));
            c.backup.putBackupVaultLockConfiguration(r -> r.backupVaultName("locked-vault").minRetentionDays(35L)
                    .maxRetentionDays(3650L).changeableForDays(3L));
            String account = emulator.account();
            // Every recovery point is also copied to a vault in us-west-2 (not scanned, so R45 cannot verify it)
            // and to eu-dr-vault in eu-west-1 (scanned, exists): what the plan selects can be recovered in another
            // region (R09), and the plan passes R45.
            String drVault = "arn:aws:backup:" + DR_REGION + ":" + account + ":backup-vault:dr-vault";
            String euVault = "arn:aws:backup:" + SECONDARY + ":" + account + ":backup-vault:eu-dr-vault";
            CreateBackupPlanResponse plan = c.backup.createBackupPlan(r -> r.backupPlan(p -> p
                    .backupPlanName("daily-35d")
                    .rules(rule -> rule.ruleName("daily").targetBackupVaultName("demo-vault")
                            .scheduleExpression("cron(0 5 ? * * *)").startWindowMinutes(60L)
                            .completionWindowMinutes(180L).lifecycle(l -> l.deleteAfterDays(35L))
                            .copyActions(copy -> copy.destinationBackupVaultArn(drVault)
                                    .lifecycle(l -> l.deleteAfterDays(35L)),
                                    copy -> copy.destinationBackupVaultArn(euVault)
                                            .lifecycle(l -> l.deleteAfterDays(35L))))));
            // Bad on every plan rule: no selection (R37), weekly for 7 days with moto's default 10080-minute
            // completion window (R37, R38), and its only copy goes to a vault of a scanned region that does not
            // exist (R45 fails).
            CreateBackupPlanResponse weekly = c.backup.createBackupPlan(r -> r.backupPlan(p -> p
                    .backupPlanName("weekly-7d")
                    .rules(rule -> rule.ruleName("weekly").targetBackupVaultName("locked-vault")
                            .scheduleExpression("cron(0 3 ? * SUN *)").lifecycle(l -> l.deleteAfterDays(7L))
                            .copyActions(copy -> copy.destinationBackupVaultArn("arn:aws:backup:" + SECONDARY + ":"
                                    + account + ":backup-vault:retired-vault")))));
            plans.put(region + "/weekly-7d", weekly.backupPlanId());
            String planId = plan.backupPlanId();
            plans.put(region + "/daily-35d", planId);
            String role = "arn:aws:iam::" + account + ":role/service-role/AWSBackupDefaultServiceRole";
            String dbArn = "arn:aws:rds:" + region + ":" + account + ":db:";
            overlay.registerSelection(planId, "critical-by-arn", role, List.of(dbArn + "billing-db"), List.of(),
                    List.of(), Map.of());
            overlay.registerSelection(planId, "tagged-daily", role, List.of(), List.of(dbArn + "scratch-db"),
                    List.of(new BackupOverlay.Tag("backup", "daily")), Map.of());
            overlay.registerSelection(planId, "prod-data", role, List.of("arn:aws:rds:*:*:db:*"), List.of(),
                    List.of(), Map.of(
                            "StringEquals", List.of(new BackupOverlay.Tag("aws:ResourceTag/env", "prod")),
                            "StringLike", List.of(new BackupOverlay.Tag("aws:ResourceTag/team", "data-*"))));
            readiness(account);
            recoveryState(account, planId);
        }

        /**
         * R38, R40, R42 and R43 in us-east-1 (and the eu-west-1 copy): recovery points, protected resources and
         * jobs, none of which moto can produce (StartBackupJob is not implemented); the overlay answers as AWS would.
         * <ul>
         *   <li>orders-db: a daily point from 6 hours ago (R40 passes), copied to eu-dr-vault; a backup job failed
         *   30 hours ago but a later one completed (R42 passes); an on-demand point 10 days old sits in
         *   locked-vault, which therefore holds tier-1 recovery points (R43 with a tier-1 config).</li>
         *   <li>billing-db: its newest point is 3 days old (R40 fails); the job after it failed (R42 fails).</li>
         *   <li>payments-aurora: an on-demand point from 2 hours ago (R40 passes) kept only 7 days (R38's WARN);
         *   its copy to us-west-2 failed with no later copy (R42 fails although its backups complete).</li>
         *   <li>ops-host: an EC2 backup (an AMI) from 5 hours ago covers it and its root volume (R40).</li>
         *   <li>analytics-db: no listed point, but ListProtectedResources reports a backup 8 hours ago into a vault
         *   of another account (R40 passes on it); its last backup job was aborted (R42 fails).</li>
         *   <li>reporting-db: a backup job failed 10 days ago, outside R42's 7-day look-back: no finding.</li>
         * </ul>
         */
        private void recoveryState(String account, String planId) {
            java.time.Instant now = java.time.Instant.now();
            String rp = "arn:aws:backup:" + region + ":" + account + ":recovery-point:";
            String vault = "arn:aws:backup:" + region + ":" + account + ":backup-vault:";
            String db = "arn:aws:rds:" + region + ":" + account + ":db:";
            String payments = "arn:aws:rds:" + region + ":" + account + ":cluster:payments-aurora";
            java.time.Instant ordersAt = now.minus(Duration.ofHours(6));
            overlay.registerRecoveryPoint(region, account, "demo-vault", rp + RP_ORDERS_DAILY, db + "orders-db",
                    "RDS", "COMPLETED", ordersAt, 35, planId);
            overlay.registerRecoveryPoint(region, account, "locked-vault", rp + RP_ORDERS_ON_DEMAND,
                    db + "orders-db", "RDS", "COMPLETED", now.minus(Duration.ofDays(10)), 90, null);
            overlay.registerRecoveryPoint(SECONDARY, account, "eu-dr-vault", "arn:aws:backup:" + SECONDARY + ":"
                            + account + ":recovery-point:" + RP_ORDERS_EU_COPY, db + "orders-db", "RDS", "COMPLETED",
                    ordersAt.plus(Duration.ofHours(1)), 35, null);
            overlay.registerProtectedResource(region, db + "orders-db", "RDS", ordersAt, vault + "demo-vault",
                    rp + RP_ORDERS_DAILY);
            overlay.registerJob(region, account, false, "orders-db-backup-1", db + "orders-db", "RDS", "FAILED",
                    "The DB instance is not in a state that allows backups: modifying", now.minus(Duration.ofHours(30)),
                    null, vault + "demo-vault");
            overlay.registerJob(region, account, false, "orders-db-backup-2", db + "orders-db", "RDS", "COMPLETED",
                    null, ordersAt, null, vault + "demo-vault");
            overlay.registerJob(region, account, true, "orders-db-copy-1", db + "orders-db", "RDS", "COMPLETED",
                    null, ordersAt.plus(Duration.ofHours(1)), vault + "demo-vault",
                    "arn:aws:backup:" + SECONDARY + ":" + account + ":backup-vault:eu-dr-vault");

            java.time.Instant billingAt = now.minus(Duration.ofDays(3));
            overlay.registerRecoveryPoint(region, account, "demo-vault", rp + RP_BILLING_DAILY, db + "billing-db",
                    "RDS", "COMPLETED", billingAt, 35, planId);
            overlay.registerProtectedResource(region, db + "billing-db", "RDS", billingAt, vault + "demo-vault",
                    rp + RP_BILLING_DAILY);
            overlay.registerJob(region, account, false, "billing-db-backup-1", db + "billing-db", "RDS", "COMPLETED",
                    null, billingAt, null, vault + "demo-vault");
            overlay.registerJob(region, account, false, "billing-db-backup-2", db + "billing-db", "RDS", "FAILED",
                    "Insufficient privileges to perform this action.", now.minus(Duration.ofDays(1)), null,
                    vault + "demo-vault");

            java.time.Instant paymentsAt = now.minus(Duration.ofHours(2));
            overlay.registerRecoveryPoint(region, account, "demo-vault", rp + RP_PAYMENTS_ON_DEMAND, payments,
                    "Aurora", "COMPLETED", paymentsAt, 7, null);
            overlay.registerProtectedResource(region, payments, "Aurora", paymentsAt, vault + "demo-vault",
                    rp + RP_PAYMENTS_ON_DEMAND);
            overlay.registerJob(region, account, false, "payments-backup-1", payments, "Aurora", "COMPLETED", null,
                    paymentsAt, null, vault + "demo-vault");
            overlay.registerJob(region, account, true, "payments-copy-1", payments, "Aurora", "FAILED",
                    "Access denied to KMS key of the destination vault", now.minus(Duration.ofHours(20)),
                    vault + "demo-vault", "arn:aws:backup:" + DR_REGION + ":" + account + ":backup-vault:dr-vault");

            String opsHost = standalone.get(region + "/ops-host");
            if (opsHost != null) {
                String instance = "arn:aws:ec2:" + region + ":" + account + ":instance/" + opsHost;
                String ami = "arn:aws:ec2:" + region + "::image/" + RP_OPS_HOST_AMI;
                java.time.Instant opsAt = now.minus(Duration.ofHours(5));
                overlay.registerRecoveryPoint(region, account, "demo-vault", ami, instance, "EC2", "COMPLETED", opsAt,
                        35, planId);
                overlay.registerProtectedResource(region, instance, "EC2", opsAt, vault + "demo-vault", ami);
                overlay.registerJob(region, account, false, "ops-host-backup-1", instance, "EC2", "COMPLETED", null,
                        opsAt, null, vault + "demo-vault");
            }

            overlay.registerProtectedResource(region, db + "analytics-db", "RDS", now.minus(Duration.ofHours(8)),
                    "arn:aws:backup:" + region + ":999988887777:backup-vault:central",
                    "arn:aws:backup:" + region + ":999988887777:recovery-point:0C4E8A2B-7D1F-4B3C-8E5A-9F6D2C1B0A07");
            overlay.registerJob(region, account, false, "analytics-db-backup-1", db + "analytics-db", "RDS",
                    "ABORTED", "Backup job was aborted by the user", now.minus(Duration.ofDays(2)), null,
                    vault + "demo-vault");
            overlay.registerJob(region, account, false, "reporting-db-backup-1", db + "reporting-db", "RDS", "FAILED",
                    "Insufficient privileges to perform this action.", now.minus(Duration.ofDays(10)), null,
                    vault + "demo-vault");
        }

        /**
         * R41, R44, R46 in us-east-1 (moto implements none of their APIs; the overlay answers):
         * <ul>
         *   <li>RDS is opted out of AWS Backup although prod-data's {@code arn:aws:rds:*:*:db:*} and
         *   critical-by-arn select databases: R41 fails.</li>
         *   <li>demo-vault has no access policy; locked-vault's denies DeleteRecoveryPoint only: R44 fails both.</li>
         *   <li>A restore testing plan selects RDS and Aurora. The latest RDS restore (3 days ago, 35 minutes)
         *   passes R46; the latest Aurora restore took 300 minutes, over the 240-minute RTO; an EBS restore failed
         *   and no plan selects EBS or EC2.</li>
         * </ul>
         */
        private void readiness(String account) {
            Map<String, Boolean> optIn = new TreeMap<>(Map.of("Aurora", true, "DynamoDB", true, "EBS", true,
                    "EC2", true, "EFS", true, "RDS", false, "S3", false));
            overlay.registerRegionSettings(region, optIn, Map.of("DynamoDB", true, "EFS", true));
            overlay.registerVaultAccessPolicy(region, account, "locked-vault", "{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Sid\":\"DenyDelete\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"backup:DeleteRecoveryPoint\",\"Resource\":\"*\"}]}");
            java.time.Instant now = java.time.Instant.now();
            String plan = overlay.registerRestoreTestingPlan(region, account, "weekly-restore-test",
                    "cron(0 1 ? * SUN *)", now.minus(Duration.ofDays(3)), List.of("RDS", "Aurora"));
            java.time.Instant rds = now.minus(Duration.ofDays(3));
            overlay.registerRestoreJob(region, account, "rds-restore-1", "RDS", "COMPLETED", null, rds,
                    rds.plus(Duration.ofMinutes(35)), plan);
            java.time.Instant aurora = now.minus(Duration.ofDays(2));
            overlay.registerRestoreJob(region, account, "aurora-restore-1", "Aurora", "COMPLETED", null, aurora,
                    aurora.plus(Duration.ofMinutes(300)), plan);
            java.time.Instant ebs = now.minus(Duration.ofDays(5));
            overlay.registerRestoreJob(region, account, "ebs-restore-1", "EBS", "FAILED",
                    "Access denied to KMS key", ebs, ebs.plus(Duration.ofMinutes(4)), null);
        }

        private void configRecorder() {
            String account = emulator.account();
            c.config.putConfigurationRecorder(r -> r.configurationRecorder(rec -> rec.name("default")
                    .roleARN("arn:aws:iam::" + account + ":role/aws-service-role/config.amazonaws.com/"
                            + "AWSServiceRoleForConfig")
                    .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true))));
            c.config.putDeliveryChannel(r -> r.deliveryChannel(d -> d.name("default")
                    .s3BucketName("demo-config-" + account)));
            c.config.startConfigurationRecorder(r -> r.configurationRecorderName("default"));
            if (overlay != null) {
                overlay.registerDeliveryChannel(region, "default");
            }
        }
    }

    /** How a standalone DB instance is set up; the defaults are the careless ones. */
    private static final class Db {
        static final int ALLOCATED_GIB = 50;

        final String id;
        final String engine;
        boolean multiAz;
        String zone;
        int retention = 1;
        boolean deletionProtection;
        Integer maxStorage;
        String subnetGroup = "demo-db";
        String parameterGroup;
        Map<String, String> tags = Map.of();

        Db(String id, String engine) {
            this.id = id;
            this.engine = engine;
        }

        Db multiAz() {
            multiAz = true;
            return this;
        }

        /** Single-AZ in this zone of the region (a letter). */
        Db zone(String letter) {
            zone = letter;
            return this;
        }

        Db retention(int days) {
            retention = days;
            return this;
        }

        Db protect() {
            deletionProtection = true;
            return this;
        }

        /** Storage autoscaling up to this many GiB. */
        Db maxStorage(int gib) {
            maxStorage = gib;
            return this;
        }

        Db subnetGroup(String name) {
            subnetGroup = name;
            return this;
        }

        Db parameterGroup(String name) {
            parameterGroup = name;
            return this;
        }

        Db tags(Map<String, String> value) {
            tags = value;
            return this;
        }
    }
}
