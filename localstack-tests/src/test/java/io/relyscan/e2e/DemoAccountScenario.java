package io.relyscan.e2e;

import io.relyscan.core.inventory.AwsService;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small but realistic account in two regions, with a good and a bad resource for every rule the scanner
 * ships (R01, R02, R04, R05, R12, R13, R25, R31, R32, R36, R39, R47). The resources and what each one is
 * meant to show are listed in {@code examples/demo-account/README.md}; the expected findings are written out
 * in {@link ScanEndToEndTest}.
 *
 * <p>Everything is created through the AWS SDK against the emulator itself; backup selections, which moto
 * cannot store, are registered with the {@link BackupOverlay} under the plan ids moto returned. On a backend
 * without some service (LocalStack community), the parts needing it are skipped.
 */
public final class DemoAccountScenario {
    public static final String PRIMARY = "us-east-1";
    public static final String SECONDARY = "eu-west-1";
    public static final List<String> REGIONS = List.of(PRIMARY, SECONDARY);

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
     * @param instanceIdsByAsg EC2 instance ids each Auto Scaling group launched, keyed by "region/asg-name"
     * @param backupPlanIds    the plan ids the emulator assigned, keyed by "region/plan-name"
     */
    public record Built(String account, Map<String, List<String>> instanceIdsByAsg,
                        Map<String, String> backupPlanIds) {
        public Built {
            instanceIdsByAsg = Map.copyOf(instanceIdsByAsg);
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
        Map<String, String> plans = new TreeMap<>();
        try (AwsClients c = new AwsClients(emulator.endpoint(), PRIMARY)) {
            new Region(c, "10.10").buildPrimary(instances, plans);
        }
        try (AwsClients c = new AwsClients(emulator.endpoint(), SECONDARY)) {
            new Region(c, "10.20").buildSecondary(instances);
        }
        return new Built(emulator.account(), instances, plans);
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
        private String vpcId;

        Region(AwsClients c, String cidrPrefix) {
            this.c = c;
            this.cidrPrefix = cidrPrefix;
            this.region = c.region();
        }

        void buildPrimary(Map<String, List<String>> instances, Map<String, String> plans) {
            network(Map.of("app-a", "a", "app-b", "b", "app-c", "c", "batch-a2", "a"));
            if (has(AwsService.RDS)) {
                dbSubnetGroup("app-a", "app-b", "app-c");
                // R01/R04/R05/R39 all good: Multi-AZ, 7 days, protected, backed up by tag.
                dbInstance("orders-db", "postgres", true, null, 7, true,
                        Map.of("backup", "daily", "tier", "1", "app", "orders"));
                // Multi-AZ and protected, but retention 1 day (R04 below the minimum); backed up by ARN.
                dbInstance("billing-db", "postgres", true, null, 1, true, Map.of("tier", "1", "app", "billing"));
                // Single-AZ and unprotected; backed up by the Conditions selection (env=prod, team=data-*).
                dbInstance("analytics-db", "mysql", false, "b", 7, false,
                        Map.of("env", "prod", "team", "data-eng", "tier", "2"));
                // Everything wrong: single-AZ, no automated backups, unprotected, matched by no selection
                // (env=prod but team=web fails the AND of the Conditions selection).
                dbInstance("reporting-db", "mysql", false, "a", 0, false,
                        Map.of("env", "prod", "team", "web", "tier", "3"));
                // Tagged backup=daily but excluded by the NotResources of the tag selection.
                dbInstance("scratch-db", "mariadb", false, "c", 1, false, Map.of("backup", "daily", "env", "dev"));
                // A read replica of orders-db (moto copies MultiAZ, DeletionProtection and tags from it).
                c.rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("orders-db-replica")
                        .sourceDBInstanceIdentifier("orders-db").dbInstanceClass("db.m6g.large"));
                // Aurora: members in two AZs, protected, 7 days, backed up by tag.
                dbCluster("payments-aurora", "aurora-postgresql", 7, true, Map.of("backup", "daily", "tier", "1"));
                clusterMember("payments-aurora", "payments-aurora-1", "aurora-postgresql", "a");
                clusterMember("payments-aurora", "payments-aurora-2", "aurora-postgresql", "b");
                // Aurora: both members in one AZ, 1 day, unprotected, not backed up.
                dbCluster("catalog-aurora", "aurora-mysql", 1, false, Map.of("tier", "2"));
                clusterMember("catalog-aurora", "catalog-aurora-1", "aurora-mysql", "a");
                clusterMember("catalog-aurora", "catalog-aurora-2", "aurora-mysql", "a");
            }
            String webTg = null;
            String apiTg = null;
            if (has(AwsService.ELBV2)) {
                webTg = targetGroup("web-tg", ProtocolEnum.HTTP, 80);
                apiTg = targetGroup("api-tg", ProtocolEnum.TCP, 8443);
                // R25: an ALB over two AZs passes, an NLB in one subnet fails.
                loadBalancer("web-alb", LoadBalancerTypeEnum.APPLICATION, LoadBalancerSchemeEnum.INTERNET_FACING,
                        webTg, ProtocolEnum.HTTP, 80, "app-a", "app-b");
                loadBalancer("internal-nlb", LoadBalancerTypeEnum.NETWORK, LoadBalancerSchemeEnum.INTERNAL,
                        apiTg, ProtocolEnum.TCP, 8443, "app-a");
            }
            if (has(AwsService.ELB)) {
                classicLoadBalancer("legacy-clb", "app-a", "app-b");
            }
            if (has(AwsService.AUTOSCALING)) {
                launchTemplate("demo-app");
                // R12 + R13 good: three AZs, ELB health checks behind a target group.
                asg(instances, "web-asg", "ELB", List.of(webTg), List.of(), "app-a", "app-b", "app-c");
                // One AZ, and EC2 health checks although a target group routes to it.
                asg(instances, "api-asg", "EC2", List.of(apiTg), List.of(), "app-a");
                // Two AZs, behind a classic ELB, but EC2 health checks.
                asg(instances, "legacy-asg", "EC2", List.of(), List.of("legacy-clb"), "app-a", "app-b");
                // Two subnets in the same AZ count as one; no load balancer at all.
                asg(instances, "batch-asg", "EC2", List.of(), List.of(), "app-a", "batch-a2");
                // ELB health checks with no traffic source to report them (the catalog's WARN).
                asg(instances, "queue-asg", "ELB", List.of(), List.of(), "app-b", "app-c");
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

        void buildSecondary(Map<String, List<String>> instances) {
            network(Map.of("eu-app-a", "a", "eu-app-b", "b"));
            if (has(AwsService.RDS)) {
                dbSubnetGroup("eu-app-a", "eu-app-b");
                // Good on R01/R04/R05, but the region has no backup plan: R39 and R36 fail.
                dbInstance("eu-orders-db", "postgres", true, null, 7, true, Map.of("backup", "daily", "tier", "1"));
                // Single-AZ, 3 days, unprotected.
                dbInstance("eu-audit-db", "mysql", false, "a", 3, false, Map.of("tier", "2"));
            }
            String tg = null;
            if (has(AwsService.ELBV2)) {
                tg = targetGroup("eu-web-tg", ProtocolEnum.HTTP, 80);
                loadBalancer("eu-web-alb", LoadBalancerTypeEnum.APPLICATION, LoadBalancerSchemeEnum.INTERNET_FACING,
                        tg, ProtocolEnum.HTTP, 80, "eu-app-a", "eu-app-b");
            }
            if (has(AwsService.ELB)) {
                // A classic ELB in one subnet: R25 fails.
                classicLoadBalancer("eu-legacy-clb", "eu-app-a");
            }
            if (has(AwsService.AUTOSCALING)) {
                launchTemplate("eu-demo-app");
                asg(instances, "eu-web-asg", "ELB", List.of(tg), List.of(), "eu-app-a", "eu-app-b");
            }
            if (has(AwsService.CLOUDWATCH)) {
                alarm("eu-web-alb-latency", "AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer",
                        "app/eu-web-alb/0123456789abcdef",
                        List.of("arn:aws:sns:" + region + ":" + emulator.account() + ":oncall-eu"), true);
            }
            // Deliberately no backup plan or vault, and no Config recorder, in this region.
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

        private void dbSubnetGroup(String... subnetNames) {
            c.rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("demo-db").dbSubnetGroupDescription("demo databases")
                    .subnetIds(subnetIds(subnetNames)));
        }

        private List<software.amazon.awssdk.services.rds.model.Tag> rdsTags(Map<String, String> tags) {
            return new TreeMap<>(tags).entrySet().stream()
                    .map(e -> software.amazon.awssdk.services.rds.model.Tag.builder().key(e.getKey())
                            .value(e.getValue()).build())
                    .toList();
        }

        private void dbInstance(String id, String engine, boolean multiAz, String zone, int retention,
                                boolean deletionProtection, Map<String, String> tags) {
            c.rds.createDBInstance(r -> {
                r.dbInstanceIdentifier(id).engine(engine).engineVersion(ENGINE_VERSIONS.get(engine))
                        .dbInstanceClass("db.m6g.large").allocatedStorage(50)
                        .masterUsername("admin_user").masterUserPassword(DB_PASSWORD).multiAZ(multiAz)
                        .backupRetentionPeriod(retention).deletionProtection(deletionProtection)
                        .dbSubnetGroupName("demo-db").tags(rdsTags(tags));
                if (zone != null) {
                    r.availabilityZone(region + zone);
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

        private void clusterMember(String cluster, String id, String engine, String zone) {
            c.rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(cluster).engine(engine)
                    .engineVersion(ENGINE_VERSIONS.get(engine))
                    .dbInstanceClass("db.r6g.large").availabilityZone(region + zone).dbSubnetGroupName("demo-db"));
        }

        private String targetGroup(String name, ProtocolEnum protocol, int port) {
            return c.elbv2.createTargetGroup(r -> r.name(name).protocol(protocol).port(port).vpcId(vpcId)
                    .targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0).targetGroupArn();
        }

        private void loadBalancer(String name, LoadBalancerTypeEnum type, LoadBalancerSchemeEnum scheme,
                                  String targetGroupArn, ProtocolEnum protocol, int port, String... subnetNames) {
            String arn = c.elbv2.createLoadBalancer(r -> r.name(name).type(type).scheme(scheme)
                    .subnets(subnetIds(subnetNames))).loadBalancers().get(0).loadBalancerArn();
            c.elbv2.createListener(r -> r.loadBalancerArn(arn).protocol(protocol).port(port)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
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

        private void asg(Map<String, List<String>> instances, String name, String healthCheckType,
                         List<String> targetGroupArns, List<String> classicNames, String... subnetNames) {
            String template = region.equals(PRIMARY) ? "demo-app" : "eu-demo-app";
            c.autoscaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name)
                    .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateName(template)
                            .version("$Latest").build())
                    .minSize(1).maxSize(2).desiredCapacity(1)
                    .vpcZoneIdentifier(String.join(",", subnetIds(subnetNames)))
                    .healthCheckType(healthCheckType).healthCheckGracePeriod(120)
                    .targetGroupARNs(targetGroupArns).loadBalancerNames(classicNames)
                    .tags(asgTags(name)));
            AutoScalingGroup g = c.autoscaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                    .autoScalingGroups().get(0);
            instances.put(region + "/" + name, g.instances().stream().map(Instance::instanceId).sorted().toList());
        }

        /** Tags propagated to the instances; web-asg's instances are backed up by the tag selection. */
        private List<software.amazon.awssdk.services.autoscaling.model.Tag> asgTags(String name) {
            Map<String, String> tags = new TreeMap<>(Map.of("app", name));
            if (name.equals("web-asg")) {
                tags.put("backup", "daily");
            }
            return tags.entrySet().stream().map(e -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
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
            c.backup.createBackupVault(r -> r.backupVaultName("demo-vault"));
            CreateBackupPlanResponse plan = c.backup.createBackupPlan(r -> r.backupPlan(p -> p
                    .backupPlanName("daily-35d")
                    .rules(rule -> rule.ruleName("daily").targetBackupVaultName("demo-vault")
                            .scheduleExpression("cron(0 5 ? * * *)").startWindowMinutes(60L)
                            .completionWindowMinutes(180L).lifecycle(l -> l.deleteAfterDays(35L)))));
            String planId = plan.backupPlanId();
            plans.put(region + "/daily-35d", planId);
            String account = emulator.account();
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
}
