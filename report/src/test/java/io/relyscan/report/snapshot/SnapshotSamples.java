package io.relyscan.report.snapshot;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AutoScalingInstance;
import io.relyscan.core.inventory.AvailabilityZone;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.BackupPlan;
import io.relyscan.core.inventory.BackupRegionSettings;
import io.relyscan.core.inventory.BackupRule;
import io.relyscan.core.inventory.BackupSelection;
import io.relyscan.core.inventory.BackupVault;
import io.relyscan.core.inventory.BackupVaultAccessPolicy;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.ConfigRecorder;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.CoverageGap;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbClusterMember;
import io.relyscan.core.inventory.DbEventSubscription;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.DbParameterGroup;
import io.relyscan.core.inventory.DbSubnet;
import io.relyscan.core.inventory.DbSubnetGroup;
import io.relyscan.core.inventory.EbsSnapshot;
import io.relyscan.core.inventory.EbsVolume;
import io.relyscan.core.inventory.Ec2Instance;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.LaunchConfiguration;
import io.relyscan.core.inventory.LaunchTemplateSpec;
import io.relyscan.core.inventory.LaunchTemplateVersion;
import io.relyscan.core.inventory.MachineImage;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.MetricReading;
import io.relyscan.core.inventory.OperationCoverage;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.RestoreJob;
import io.relyscan.core.inventory.RestoreTestingPlan;
import io.relyscan.core.inventory.RestoreTestingSelection;
import io.relyscan.core.inventory.ScalingActivity;
import io.relyscan.core.inventory.ScalingPolicy;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.inventory.ScheduledEvent;
import io.relyscan.core.inventory.SnsTopic;
import io.relyscan.core.inventory.Subnet;
import io.relyscan.core.inventory.TagCondition;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.inventory.TargetHealth;
import io.relyscan.core.inventory.TrafficSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built inventories: one with every field of every resource type set, one with every optional field null. */
final class SnapshotSamples {
    static final String A = "111122223333";
    static final String R = "eu-central-1";
    /** Tag text a snapshot must carry exactly: quotes, backslash, controls, line separators, bidi, emoji. */
    static final String AWKWARD = "q\"uo\\te \u001b[31m\r\n\t\u0000\u007f\u0085\u2028\u2029\u202e\u00e9\u4e2d\ud83d\ude80";

    private SnapshotSamples() {
    }

    static String arn(String service, String rest) {
        return "arn:aws:" + service + ":" + R + ":" + A + ":" + rest;
    }

    static Map<String, String> tags(String name) {
        return Map.of("Name", name, "Owner", "team-" + name, "Awkward", AWKWARD);
    }

    static List<Resource> everyFieldSet() {
        return List.of(
                new AvailabilityZone(A, R, "eu-central-1a", "euc1-az2", "availability-zone", "available"),
                new Subnet(arn("ec2", "subnet/subnet-1"), A, R, "subnet-1", "vpc-1", "eu-central-1a", "euc1-az2",
                        251, tags("subnet")),
                new Ec2Instance(arn("ec2", "instance/i-1"), A, R, "i-1", "m7g.large", "running", "eu-central-1a",
                        "subnet-1", "enabled", "web", "impaired", "ok",
                        List.of(new ScheduledEvent("instance-retirement", "2026-12-05T00:00:00Z",
                                        "The instance is running on degraded hardware", ScheduledEvent.SCHEDULED),
                                new ScheduledEvent("system-reboot", "2026-11-01T00:00:00Z",
                                        "[Completed] " + AWKWARD, ScheduledEvent.COMPLETED)),
                        "ebs", "disabled", true, tags("web")),
                new EbsVolume(arn("ec2", "volume/vol-1"), A, R, "vol-1", "eu-central-1a", "in-use", 100, "gp3",
                        List.of("i-1", "i-2"), tags("vol")),
                new EbsSnapshot("arn:aws:ec2:" + R + "::snapshot/snap-1", A, R, "snap-1", "vol-1",
                        "2026-11-27T05:00:00.123Z", "completed", "archive", tags("snap")),
                new DbInstance(arn("rds", "db:orders"), A, R, "orders", "postgres", "16.3", "db.r6g.large",
                        "available", true, "eu-central-1a", "eu-central-1b", 14, true, "orders-cluster",
                        "orders-source", List.of("orders-replica-1", "orders-replica-2"),
                        arn("backup", "recovery-point:continuous:orders"), true, 100, 1000, 60, "orders-subnets",
                        List.of("orders-pg", "orders-pg-extra"),
                        List.of("arn:aws:rds:eu-west-1:111122223333:auto-backup:ab-orders"), tags("orders")),
                new DbCluster(arn("rds", "cluster:orders-cluster"), A, R, "orders-cluster", "aurora-postgresql",
                        "provisioned", "available", true, List.of("eu-central-1a", "eu-central-1b"),
                        List.of(new DbClusterMember("orders-1", true), new DbClusterMember("orders-2", false)), 35,
                        true, "orders-global", "arn:aws:rds:eu-west-1:111122223333:cluster:src",
                        List.of("arn:aws:rds:eu-west-2:111122223333:cluster:orders-dr"), "orders-cluster-pg",
                        "orders-subnets", tags("cluster")),
                new DbSubnetGroup(arn("rds", "subgrp:orders-subnets"), A, R, "orders-subnets", "vpc-1", "Complete",
                        List.of(new DbSubnet("subnet-1", "eu-central-1a", "Active"),
                                new DbSubnet("subnet-2", "eu-central-1b", "Active")), tags("subnets")),
                new DbEventSubscription(arn("rds", "es:db-alerts"), A, R, "db-alerts", arn("sns", "db-alerts"),
                        "db-instance", List.of("orders"), List.of("failure", "failover", "maintenance"), true,
                        "active", tags("events")),
                new DbParameterGroup(arn("rds", "pg:orders-pg"), A, R, "orders-pg", "postgres16",
                        DbParameterGroup.INSTANCE, Map.of("synchronous_commit", "off", "read_only", AWKWARD),
                        List.of("read_only"), tags("params")),
                new AutoScalingGroup(arn("autoscaling", "autoScalingGroup:u:autoScalingGroupName/web"), A, R, "web",
                        List.of("eu-central-1a", "eu-central-1b"), List.of("subnet-1", "subnet-2"), "ELB", 300,
                        List.of("legacy-elb"), List.of(arn("elasticloadbalancing", "targetgroup/web/1")),
                        List.of(new TrafficSource(arn("elasticloadbalancing", "targetgroup/web/1"), "elbv2")), 2, 6,
                        3, List.of("i-1", "i-2"),
                        List.of(new AutoScalingInstance("i-1", "m7g.large", "eu-central-1a", "InService", "Healthy"),
                                new AutoScalingInstance("i-2", "m6g.large", "eu-central-1b", "Pending", "Unhealthy")),
                        List.of("AZRebalance", "Launch"), true, "web-lc", "web-lt", "$Latest",
                        List.of(new LaunchTemplateSpec("lt-0web", "web-lt", "$Latest"),
                                new LaunchTemplateSpec("lt-0arm", null, null)), true,
                        List.of("m6g.large", "m7g.large"), true, true, tags("asg")),
                new ScalingActivity(A, R, "a-0001", "web", "Failed", AWKWARD,
                        "Launching a new EC2 instance.  Status Reason: insufficient capacity", "2026-11-28T10:00:00.5Z",
                        "2026-11-28T10:00:30Z"),
                new LaunchConfiguration(arn("autoscaling", "launchConfiguration:u:launchConfigurationName/web-lc"), A, R,
                        "web-lc", "ami-0lc"),
                new LaunchTemplateVersion(A, R, "lt-0web", "web-lt", 3L, false, true,
                        "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"),
                new MachineImage(A, R, "ami-0lc", "web " + AWKWARD, "disabled", "137112412989"),
                new LoadBalancer(arn("elasticloadbalancing", "loadbalancer/legacy"), A, R, "legacy", "classic",
                        "internal", "active", List.of("eu-central-1a", "eu-central-1b"), List.of("subnet-1", "subnet-2"),
                        Map.of("connection_draining.enabled", "true", "cross_zone.enabled", "false"),
                        List.of(new TargetHealth("i-1", null, null, "InService", null),
                                new TargetHealth("i-2", null, null, "OutOfService", "Instance")), tags("clb")),
                new TargetGroup(arn("elasticloadbalancing", "targetgroup/web/1"), A, R, "web", "HTTPS", 443,
                        "instance", List.of(arn("elasticloadbalancing", "loadbalancer/app/web/1")), true,
                        List.of(new TargetHealth("i-1", 443, "eu-central-1a", "healthy", "Target.Healthy"),
                                new TargetHealth("i-2", 443, "eu-central-1b", "unhealthy", "Target.Timeout")),
                        Map.of("deregistration_delay.timeout_seconds", "0",
                                "load_balancing.cross_zone.enabled", "use_load_balancer_configuration"), tags("tg")),
                new Alarm(arn("cloudwatch", "alarm:web-5xx"), A, R, "web-5xx", Alarm.METRIC, true,
                        List.of(arn("sns", "ops")), List.of(arn("sns", "ops-ok")), List.of(arn("sns", "ops-data")),
                        "ALARM", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                        Map.of("LoadBalancer", "app/web/1"), "ALARM(other)", "2026-11-20T08:15:30.123Z",
                        "notBreaching", List.of(new AlarmMetric("m1", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count",
                                Map.of("LoadBalancer", "app/web/1", "AvailabilityZone", "eu-central-1a"))), false,
                        tags("alarm")),
                new SnsTopic(arn("sns", "ops"), A, R, "ops", "111122223333", 2, 1, tags("topic")),
                new ScalingPolicy(arn("autoscaling", "scalingPolicy:u:autoScalingGroupName/web:policyName/out"), A, R,
                        "out", "web", "StepScaling", tags("policy")),
                new MetricReading(MetricReading.arnOf(A, R, "AWS/RDS", "FreeStorageSpace",
                        Map.of("DBInstanceIdentifier", "orders")), A, R, "AWS/RDS", "FreeStorageSpace",
                        Map.of("DBInstanceIdentifier", "orders"), "Minimum", 1.25e10, "2026-11-28T11:55:00Z"),
                new BackupPlan(arn("backup", "backup-plan:plan-1"), A, R, "plan-1", "daily", "v7",
                        List.of(new BackupRule("daily", "cron(0 5 ? * * *)", "Default", 35L, true,
                                List.of("arn:aws:backup:eu-west-1:111122223333:backup-vault:dr"), "Europe/Berlin",
                                60L, 1440L)), tags("plan")),
                new BackupSelection(arn("backup", "backup-plan:plan-1/selection/sel-1"), A, R, "plan-1", "sel-1",
                        "rds", "arn:aws:iam::111122223333:role/backup", List.of("arn:aws:rds:*:*:db:*"),
                        List.of("arn:aws:rds:*:*:db:scratch-*"),
                        List.of(new TagCondition("STRINGEQUALS", "backup", "daily")),
                        List.of(new TagCondition("STRINGLIKE", "env", "prod*"))),
                new BackupVault(arn("backup", "backup-vault:Default"), A, R, "Default", true, 7L, 3650L, 1234L,
                        "BACKUP_VAULT", "2025-01-01T00:00:00Z", tags("vault")),
                new io.relyscan.core.inventory.ProtectedResource(A, R, arn("rds", "db:orders"), "RDS", "orders",
                        "2026-11-28T05:00:00Z", arn("backup", "backup-vault:Default"),
                        arn("backup", "recovery-point:1EB3B5E7")),
                new io.relyscan.core.inventory.RecoveryPoint(arn("backup", "recovery-point:1EB3B5E7"), A, R, "Default",
                        arn("rds", "db:orders"), "RDS", "COMPLETED", "2026-11-28T05:00:00Z", "2026-11-28T05:31:07.250Z",
                        "2027-01-02T05:00:00Z", arn("backup", "backup-plan:plan-1"), false,
                        arn("backup", "recovery-point:parent-" + AWKWARD)),
                new io.relyscan.core.inventory.BackupJob(A, R, io.relyscan.core.inventory.BackupJob.Kind.COPY, "copy-1",
                        arn("rds", "db:orders"), "RDS", "FAILED", "2026-11-27T06:00:00Z", "2026-11-27T06:10:00Z",
                        AWKWARD, "arn:aws:backup:eu-west-1:111122223333:backup-vault:dr"),
                new BackupRegionSettings(arn("backup", "region-settings"), A, R,
                        Map.of("RDS", true, "Aurora", false, "SAP HANA on Amazon EC2", false),
                        Map.of("DynamoDB", false, "EFS", true)),
                BackupVaultAccessPolicy.of(A, R, "Default", arn("backup", "backup-vault:Default"),
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                                + "\"Action\":\"backup:Delete*\",\"Resource\":\"*\",\"Sid\":\"" + AWKWARD + "\"}]}"),
                new RestoreTestingPlan(arn("backup", "restore-testing-plan:weekly-1"), A, R, "weekly",
                        "cron(0 1 ? * SUN *)", "2026-11-22T01:00:00Z",
                        List.of(new RestoreTestingSelection("rds_tier1", "RDS"),
                                new RestoreTestingSelection("aurora_tier1", "Aurora"))),
                new RestoreJob(arn("backup", "restore-job:job-1"), A, R, "job-1", "RDS", "FAILED", AWKWARD,
                        "2026-11-22T01:00:00Z", "2026-11-22T01:45:00Z", arn("backup", "restore-testing-plan:weekly-1")),
                new ConfigRecorder(arn("config", "configuration-recorder/default"), A, R, "default",
                        "arn:aws:iam::111122223333:role/config", false, true, "INCLUSION_BY_RESOURCE_TYPES",
                        List.of("AWS::RDS::DBInstance", "AWS::EC2::Instance"), List.of("AWS::IAM::Role"),
                        "config.amazonaws.com", true, "SUCCESS", "NoError"));
    }

    static List<Resource> optionalFieldsNull() {
        return List.of(
                new AvailabilityZone(A, R, "eu-central-1c", null, null, null),
                new Subnet(arn("ec2", "subnet/subnet-9"), null, null, "subnet-9", null, null, null, null, null),
                new Ec2Instance(arn("ec2", "instance/i-9"), A, R, "i-9", null, null, null, null, null, null, null,
                        null, null, null, null, null, null),
                new EbsVolume(arn("ec2", "volume/vol-9"), A, R, "vol-9", null, null, null, null, null, null),
                new EbsSnapshot("arn:aws:ec2:" + R + "::snapshot/snap-9", A, R, "snap-9", null, null, null, null,
                        null),
                new DbInstance(arn("rds", "db:bare"), A, R, "bare", null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null),
                new DbCluster(arn("rds", "cluster:bare"), A, R, "bare", null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null),
                new DbSubnetGroup(arn("rds", "subgrp:bare"), A, R, "bare", null, null,
                        List.of(new DbSubnet("subnet-9", null, null)), null),
                new DbEventSubscription(arn("rds", "es:bare"), A, R, "bare", null, null, null, null, null, null, null),
                new DbParameterGroup(arn("rds", "cluster-pg:bare"), A, R, "bare", null, null, null, null, null),
                new AutoScalingGroup(arn("autoscaling", "autoScalingGroup:u:autoScalingGroupName/bare"), A, R, "bare",
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null),
                new ScalingActivity(A, R, "a-bare", "bare", null, null, null, null, null),
                new LaunchConfiguration(arn("autoscaling", "launchConfiguration:u:launchConfigurationName/bare"), A, R,
                        "bare", null),
                new LaunchTemplateVersion(A, R, "lt-bare", null, 1L, null, null, null),
                new MachineImage(A, R, "ami-bare", null, null, null),
                new LoadBalancer(arn("elasticloadbalancing", "loadbalancer/bare"), A, R, "bare", "classic", null, null,
                        null, null, null, null, null),
                // An ELBv2 load balancer: instance health is a classic-only field and stays null.
                new LoadBalancer(arn("elasticloadbalancing", "loadbalancer/net/edge/1"), A, R, "edge", "network",
                        "internal", "active", List.of("eu-central-1a"), List.of("subnet-1"),
                        Map.of("deletion_protection.enabled", "false"), null, Map.of()),
                new TargetGroup(arn("elasticloadbalancing", "targetgroup/bare/9"), A, R, "bare", null, null, null,
                        null, null, null, null, null),
                new Alarm(arn("cloudwatch", "alarm:bare"), A, R, "bare", Alarm.COMPOSITE, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null),
                new SnsTopic(arn("sns", "bare"), A, R, "bare", null, null, null, null),
                new ScalingPolicy(arn("autoscaling", "scalingPolicy:u:autoScalingGroupName/bare:policyName/bare"), A,
                        R, "bare", null, null, null),
                new MetricReading(arn("cloudwatch", "metric/Custom/bare/"), A, R, "Custom", "bare", null, null, null,
                        null),
                new BackupPlan(arn("backup", "backup-plan:bare"), A, R, "bare", null, null,
                        List.of(new BackupRule("only-name", null, null, null, null, null, null, null, null)), null),
                new BackupSelection(arn("backup", "backup-plan:bare/selection/s"), A, R, "bare", "s", null, null,
                        null, null, null, List.of(new TagCondition("STRINGEQUALS", "k", null))),
                new BackupVault(arn("backup", "backup-vault:bare"), A, R, "bare", null, null, null, null, null, null,
                        null),
                new io.relyscan.core.inventory.ProtectedResource(A, R, arn("ec2", "instance/i-9"), null, null,
                        null, null, null),
                new io.relyscan.core.inventory.RecoveryPoint(arn("backup", "recovery-point:bare"), null, null, "bare",
                        null, null, null, null, null, null, null, null, null),
                new io.relyscan.core.inventory.BackupJob(A, R, io.relyscan.core.inventory.BackupJob.Kind.BACKUP, "bare",
                        null, null, null, null, null, null, null),
                new BackupRegionSettings(arn("backup", "region-settings-bare"), null, null, null, null),
                BackupVaultAccessPolicy.of(A, R, "bare", arn("backup", "backup-vault:bare"), null),
                new RestoreTestingPlan(arn("backup", "restore-testing-plan:bare"), A, R, "bare", null, null,
                        List.of(new RestoreTestingSelection("only-name", null))),
                new RestoreJob(arn("backup", "restore-job:bare"), A, R, "bare", null, null, null, null, null, null),
                new ConfigRecorder(arn("config", "configuration-recorder/bare"), A, R, "bare", null, null, null, null,
                        null, null, null, null, null, null));
    }

    static Inventory inventory(List<Resource> resources) {
        Coverage coverage = Coverage.of(List.of(
                new CoverageEntry(A, R, AwsService.EC2, CollectionStatus.COMPLETE, List.of(), List.of(
                        new OperationCoverage("DescribeInstances", 2, Map.of()))),
                new CoverageEntry(A, R, AwsService.RDS, CollectionStatus.PARTIAL, List.of(
                        new CoverageGap("DescribeDBInstances", GapReason.THROTTLED, "Rate exceeded"),
                        new CoverageGap("ListTagsForResource", GapReason.ACCESS_DENIED, AWKWARD)), List.of(
                        new OperationCoverage("DescribeDBInstances", 3, Map.of("THROTTLED", 1L)),
                        new OperationCoverage("ListTagsForResource", Long.MAX_VALUE,
                                Map.of("ACCESS_DENIED", 1L, "TIMEOUT", 2L)))),
                new CoverageEntry(A, R, AwsService.BACKUP, CollectionStatus.FAILED, List.of(
                        new CoverageGap("ListBackupPlans", GapReason.BREAKER_OPEN, ""))),
                new CoverageEntry(A, R, AwsService.CONFIG, CollectionStatus.NOT_COLLECTED, List.of())));
        List<EndpointTelemetry> telemetry = List.of(
                new EndpointTelemetry(A, R, AwsService.RDS, 12, 15, 3, 2, Map.of("THROTTLING", 2L, "IO", 1L),
                        List.of("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED"), Long.MAX_VALUE),
                new EndpointTelemetry(A, R, AwsService.EC2, 0, 0, 0, 0, null, null, 0));
        return Inventory.of(Instant.parse("2026-11-28T12:34:56.789012345Z"),
                List.of(ScanScope.of(A, R), ScanScope.of("999988887777", "ap-south-2")), resources, coverage,
                telemetry);
    }
}
