package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.backup.model.CreateBackupPlanResponse;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;

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
     */
    public record Built(String account, Map<String, List<String>> instanceIdsByAsg,
                        Map<String, String> standaloneInstanceIds, Map<String, String> backupPlanIds) {
        public Built {
            instanceIdsByAsg = Map.copyOf(instanceIdsByAsg);
            standaloneInstanceIds = Map.copyOf(standaloneInstanceIds);
            backupPlanIds = Map.copyOf(backupPlanIds);
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
        try (AwsClients c = new AwsClients(emulator.endpoint(), PRIMARY)) {
            new Region(c, "10.10", instances, standalone).buildPrimary(plans);
        }
        try (AwsClients c = new AwsClients(emulator.endpoint(), SECONDARY)) {
            new Region(c, "10.20", instances, standalone).buildSecondary();
        }
        return new Built(emulator.account(), instances, standalone, plans);
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
                launchTemplate("demo-app");
                // R12 + R13 good: three AZs, ELB health checks behind a target group. R14 good: two more
                // instances (in zones b and c) are attached and MinSize raised to 3, so every zone runs one.
                asg("web-asg", "ELB", List.of(webTg), List.of(), 1, 4, "app-a", "app-b", "app-c");
                attach("web-asg", 3, launch("web-asg-b", "app-b", false, asgTagsOf("web-asg")),
                        launch("web-asg-c", "app-c", false, asgTagsOf("web-asg")));
                // One AZ, and EC2 health checks although a target group routes to it.
                asg("api-asg", "EC2", List.of(apiTg), List.of(), 1, 2, "app-a");
                // Two AZs, behind a classic ELB, but EC2 health checks.
                asg("legacy-asg", "EC2", List.of(), List.of("legacy-clb"), 1, 2, "app-b", "app-a");
                // Two subnets in the same AZ count as one; no load balancer at all. Launch was suspended for a
                // maintenance and never resumed (R16).
                asg("batch-asg", "EC2", List.of(), List.of(), 1, 2, "app-a", "batch-a2");
                suspend("batch-asg", "Launch");
                // ELB health checks with no traffic source to report them (the catalog's WARN); alarm
                // notifications suspended, so its scaling policies no longer act (R16's softer failure).
                asg("queue-asg", "ELB", List.of(), List.of(), 1, 2, "app-c", "app-b");
                suspend("queue-asg", "AlarmNotification");
                // R18 good: two instance types, Capacity Rebalancing on. R19 bad: its two /28 subnets hold
                // about 20 free addresses, not the 29 it needs to grow to MaxSize=30.
                mixedAsg("worker-asg", List.of("m5.large", "m6i.large"), 30, "worker-b", "worker-c");
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
                launchTemplate("eu-demo-app");
                // Two zones and MinSize=2, but both instances run in eu-west-1a (R14's softer failure).
                asg("eu-web-asg", "ELB", List.of(tg), List.of(), 2, 2, "eu-app-a", "eu-app-b");
            }
            if (has(AwsService.EC2)) {
                // R23 bad: a standalone host with basic (5-minute) monitoring. With eu-web-asg's two instances
                // every running instance of the region is in eu-west-1a (R20 fails).
                standalone("eu-batch-host", launch("eu-batch-host", "eu-app-a", false, Map.of("app", "batch")));
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

        private void launchTemplate(String name) {
            c.ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
                    .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro")));
        }

        private void asg(String name, String healthCheckType, List<String> targetGroupArns, List<String> classicNames,
                         int minAndDesired, int max, String... subnetNames) {
            c.autoscaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName(template())
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
            Map<String, String> all = new TreeMap<>(tags);
            all.put("Name", name);
            return c.ec2.runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1)
                    .subnetId(subnets.get(subnetName)).monitoring(m -> m.enabled(detailedMonitoring))
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(all.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                                    .build()).toList()).build()))
                    .instances().get(0).instanceId();
        }

        private void standalone(String name, String instanceId) {
            standalone.put(region + "/" + name, instanceId);
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
