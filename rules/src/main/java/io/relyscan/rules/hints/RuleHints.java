package io.relyscan.rules.hints;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Console and infrastructure-as-code hints for the generated rule documentation, keyed by rule id. Optional:
 * a rule without an entry simply has no hints section. A test checks every key is a built-in rule.
 */
public final class RuleHints {
    private static final Map<String, RuleHint> HINTS = new TreeMap<>(Map.ofEntries(
            Map.entry("asg-capacity-health", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Activity: read the failed activities' cause and fix it "
                            + "(quota, instance type, launch template, subnet); Instance management: replace "
                            + "Unhealthy instances; Advanced configurations: keep AZRebalance resumed.",
                    "`AWS::AutoScaling::AutoScalingGroup`: several `InstanceType` overrides in "
                            + "`MixedInstancesPolicy` and subnets in several zones in `VPCZoneIdentifier`, so "
                            + "launches can fall back; no `AZRebalance` in suspended processes.",
                    "`aws_autoscaling_group`: several `override` instance types in `mixed_instances_policy` and "
                            + "`vpc_zone_identifier` subnets in several zones; no `AZRebalance` in "
                            + "`suspended_processes`.")),
            Map.entry("asg-elb-health-check", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Health checks: turn on Elastic Load "
                            + "Balancing health checks and set a grace period.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `HealthCheckType: ELB`, with `HealthCheckGracePeriod`.",
                    "`aws_autoscaling_group`: `health_check_type = \"ELB\"`, with `health_check_grace_period`.")),
            Map.entry("asg-instance-diversity", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Instance type requirements: override the "
                            + "launch template with several instance types (or attributes); turn on Capacity "
                            + "rebalancing under Allocation strategies.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `MixedInstancesPolicy.LaunchTemplate.Overrides` with "
                            + "several `InstanceType` values (or `InstanceRequirements`), and "
                            + "`CapacityRebalance: true`.",
                    "`aws_autoscaling_group`: a `mixed_instances_policy` whose `launch_template` has several "
                            + "`override` blocks (`instance_type` or `instance_requirements`), and "
                            + "`capacity_rebalance = true`.")),
            Map.entry("asg-launch-dependencies-exist", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Launch template: choose an existing "
                            + "template version whose AMI is registered; Load balancing: remove deleted load "
                            + "balancers and target groups, or attach the target group to a load balancer listener.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `LaunchTemplate` with `LaunchTemplateId` and "
                            + "`Version: !GetAtt Template.LatestVersionNumber` of a template in the same stack; "
                            + "`TargetGroupARNs` of target groups used by an `AWS::ElasticLoadBalancingV2::Listener`.",
                    "`aws_autoscaling_group`: `launch_template { id = aws_launch_template.x.id, version = "
                            + "aws_launch_template.x.latest_version }`; `target_group_arns` of target groups used by "
                            + "an `aws_lb_listener`; AMI from a `data \"aws_ami\"` lookup.")),
            Map.entry("asg-multi-az", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Network: add subnets in other availability "
                            + "zones.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `VPCZoneIdentifier` lists subnets in two or more zones.",
                    "`aws_autoscaling_group`: `vpc_zone_identifier` lists subnets in two or more zones.")),
            Map.entry("asg-static-stability", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Group details: set Minimum and Desired "
                            + "capacity to at least 2 and to the number of zones.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `MinSize` and `DesiredCapacity` of at least 2 and of "
                            + "at least the number of zones of `VPCZoneIdentifier`.",
                    "`aws_autoscaling_group`: `min_size` and `desired_capacity` of at least 2 and of at least the "
                            + "number of zones of `vpc_zone_identifier`.")),
            Map.entry("asg-subnet-ip-headroom", new RuleHint(
                    "VPC > Subnets: create subnets with free addresses, then EC2 > Auto Scaling groups > the group "
                            + "> Details > Network: add them.",
                    "`AWS::EC2::Subnet` with a larger `CidrBlock`, listed in the group's `VPCZoneIdentifier`.",
                    "`aws_subnet` with a larger `cidr_block`, listed in the group's `vpc_zone_identifier`.")),
            Map.entry("asg-suspended-processes", new RuleHint(
                    "EC2 > Auto Scaling groups > the group > Details > Advanced configurations > Edit: clear "
                            + "Suspended processes.",
                    "No template property keeps processes suspended (`UpdatePolicy.AutoScalingRollingUpdate."
                            + "SuspendProcesses` acts only during an update); resume leftovers with `aws "
                            + "autoscaling resume-processes`.",
                    "`aws_autoscaling_group`: remove the entries of `suspended_processes`.")),
            Map.entry("backup-cross-region-copy", new RuleHint(
                    "AWS Backup > Backup plans > the plan > the rule > Copy to destination: a vault in another "
                            + "Region (create it there first).",
                    "`AWS::Backup::BackupPlan` rule `CopyActions` with a `DestinationBackupVaultArn` in another "
                            + "Region.",
                    "`aws_backup_plan` rule `copy_action` block with a `destination_vault_arn` in another Region.")),
            Map.entry("backup-job-failures", new RuleHint(
                    "AWS Backup > Jobs > Backup jobs / Copy jobs: filter by status Failed, open the job for its "
                            + "status message, fix the cause, then Create on-demand backup (or copy the recovery "
                            + "point again).",
                    "No template property retries a job: fix the `AWS::Backup::BackupSelection` `IamRoleArn`, the "
                            + "KMS key policy or the destination vault's `AccessPolicy`, and alert on failures "
                            + "with an `AWS::Events::Rule` on `Backup Job State Change` events.",
                    "Fix `aws_backup_selection` `iam_role_arn`, the `aws_kms_key` policy or the "
                            + "`aws_backup_vault_policy`, and alert on failures with `aws_backup_vault_notifications` "
                            + "(`BACKUP_JOB_FAILED`, `COPY_JOB_FAILED`).")),
            Map.entry("backup-plan-effective", new RuleHint(
                    "AWS Backup > Backup plans > the plan: add a rule with a lifecycle and a completion window, and "
                            + "assign resources.",
                    "`AWS::Backup::BackupPlan` rules with `Lifecycle.DeleteAfterDays` and "
                            + "`CompletionWindowMinutes`, plus an `AWS::Backup::BackupSelection`.",
                    "`aws_backup_plan` rules with a `lifecycle` block and `completion_window`, plus an "
                            + "`aws_backup_selection`.")),
            Map.entry("backup-plan-exists", new RuleHint(
                    "AWS Backup > Backup plans > Create backup plan, then assign resources to it.",
                    "`AWS::Backup::BackupPlan` with an `AWS::Backup::BackupSelection`.",
                    "`aws_backup_plan` with an `aws_backup_selection`.")),
            Map.entry("backup-plan-frequency-retention", new RuleHint(
                    "AWS Backup > Backup plans > the plan > the rule: a daily (or more frequent) schedule and a "
                            + "retention of at least 35 days, or continuous backup. A recovery point kept too "
                            + "briefly: Backup vaults > the vault > the recovery point > Edit retention.",
                    "`AWS::Backup::BackupPlan` rule `ScheduleExpression` and `Lifecycle.DeleteAfterDays`, or "
                            + "`EnableContinuousBackup`.",
                    "`aws_backup_plan` rule `schedule` and `lifecycle.delete_after`, or "
                            + "`enable_continuous_backup`.")),
            Map.entry("backup-recent-recovery-point", new RuleHint(
                    "AWS Backup > Jobs: find why the resource's backup jobs fail or never start (status message, "
                            + "IAM role, opt-in of the resource type under Settings), then Protected resources > "
                            + "Create on-demand backup.",
                    "`AWS::Backup::BackupPlan` rule with a `ScheduleExpression` and an "
                            + "`AWS::Backup::BackupSelection` whose `IamRoleArn` can back up the resource.",
                    "`aws_backup_plan` rule `schedule` and an `aws_backup_selection` whose `iam_role_arn` can "
                            + "back up the resource; `aws_backup_region_settings` opts the type in.")),
            Map.entry("backup-region-opt-in", new RuleHint(
                    "AWS Backup > Settings > Service opt-in > Configure resources: turn on every resource type "
                            + "your plans select (in each region); Advanced features for DynamoDB / full "
                            + "management for EFS.",
                    "No CloudFormation resource sets region settings: run `aws backup update-region-settings` "
                            + "(e.g. from a custom resource) with `--resource-type-opt-in-preference` and "
                            + "`--resource-type-management-preference`.",
                    "`aws_backup_region_settings`: `resource_type_opt_in_preference` with the selected types "
                            + "`true`, `resource_type_management_preference` with `DynamoDB` and `EFS` `true`.")),
            Map.entry("backup-resource-assigned", new RuleHint(
                    "AWS Backup > Backup plans > the plan > Assign resources: by resource ARN, by tag or by "
                            + "condition.",
                    "`AWS::Backup::BackupSelection`: `Resources`, `ListOfTags` or `Conditions` that match the "
                            + "resource.",
                    "`aws_backup_selection`: `resources`, `selection_tag` or `condition` blocks that match the "
                            + "resource.")),
            Map.entry("backup-restore-testing", new RuleHint(
                    "AWS Backup > Restore testing > Create restore testing plan: add a protected resource "
                            + "selection for each tier-1 resource type; check Jobs > Restore jobs for failures and "
                            + "durations.",
                    "`AWS::Backup::RestoreTestingPlan` with an `AWS::Backup::RestoreTestingSelection` per tier-1 "
                            + "`ProtectedResourceType`.",
                    "`aws_backup_restore_testing_plan` with an `aws_backup_restore_testing_selection` per tier-1 "
                            + "`protected_resource_type`.")),
            Map.entry("backup-vault-deletion-guard", new RuleHint(
                    "AWS Backup > Backup vaults > the vault > Access policy > Edit: add a Deny statement for "
                            + "Principal \"*\" on backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle "
                            + "and backup:PutBackupVaultAccessPolicy.",
                    "`AWS::Backup::BackupVault` `AccessPolicy` with that Deny statement (exempt break-glass roles "
                            + "with an `ArnNotLike` condition on `aws:PrincipalArn`).",
                    "`aws_backup_vault_policy` whose `policy` holds that Deny statement.")),
            Map.entry("backup-vault-immutability", new RuleHint(
                    "AWS Backup > Backup vaults > the vault > Vault lock: create a lock in compliance mode with a "
                            + "minimum retention, or create a logically air-gapped vault.",
                    "`AWS::Backup::BackupVault` `LockConfiguration` with `MinRetentionDays` and "
                            + "`ChangeableForDays`.",
                    "`aws_backup_vault_lock_configuration` with `min_retention_days` and `changeable_for_days`.")),
            Map.entry("config-recorder-healthy", new RuleHint(
                    "AWS Config > Settings: record all resource types, make sure recording is on and the delivery "
                            + "channel works.",
                    "`AWS::Config::ConfigurationRecorder` (`RecordingGroup.AllSupported: true`) with an "
                            + "`AWS::Config::DeliveryChannel`.",
                    "`aws_config_configuration_recorder`, `aws_config_delivery_channel` and "
                            + "`aws_config_configuration_recorder_status` with `is_enabled = true`.")),
            Map.entry("cw-alarm-action-targets-valid", new RuleHint(
                    "CloudWatch > Alarms > the alarm > Edit > Configure actions: replace deleted topics and scaling "
                            + "policies; SNS > Topics > the topic > Subscriptions: add one and confirm it.",
                    "`AWS::CloudWatch::Alarm` `AlarmActions: [!Ref Topic]` or `[!Ref ScalingPolicy]` (a reference, "
                            + "not a pasted ARN); `AWS::SNS::Subscription` on the topic.",
                    "`aws_cloudwatch_metric_alarm` `alarm_actions = [aws_sns_topic.x.arn]` or "
                            + "`[aws_autoscaling_policy.x.arn]`; `aws_sns_topic_subscription` on the topic.")),
            Map.entry("cw-alarm-actions-enabled", new RuleHint(
                    "CloudWatch > Alarms > select the alarm > Actions > Enable actions "
                            + "(or `aws cloudwatch enable-alarm-actions`).",
                    "`AWS::CloudWatch::Alarm` / `AWS::CloudWatch::CompositeAlarm`: `ActionsEnabled: true`.",
                    "`aws_cloudwatch_metric_alarm` / `aws_cloudwatch_composite_alarm`: `actions_enabled = true`.")),
            Map.entry("cw-alarm-has-actions", new RuleHint(
                    "CloudWatch > Alarms > the alarm > Edit > Configure actions: notify an SNS topic or add an "
                            + "Auto Scaling, EC2 or Systems Manager action for the ALARM state.",
                    "`AWS::CloudWatch::Alarm` / `AWS::CloudWatch::CompositeAlarm`: `AlarmActions`.",
                    "`aws_cloudwatch_metric_alarm` / `aws_cloudwatch_composite_alarm`: `alarm_actions`.")),
            Map.entry("cw-alarm-stale-state", new RuleHint(
                    "CloudWatch > Alarms > filter by state Insufficient data or In alarm > the alarm > Edit: correct "
                            + "the metric's dimensions (compare with Metrics > All metrics), delete the alarms of "
                            + "deleted resources, set Missing data treatment, or fix the cause of a long ALARM.",
                    "`AWS::CloudWatch::Alarm`: `Dimensions` referencing the live resource (`!Ref`), "
                            + "`TreatMissingData: notBreaching` where gaps are normal.",
                    "`aws_cloudwatch_metric_alarm`: `dimensions` from the resource's attributes (e.g. "
                            + "`aws_db_instance.x.identifier`), `treat_missing_data = \"notBreaching\"` where gaps "
                            + "are normal.")),
            Map.entry("cw-critical-resource-alarm-coverage", new RuleHint(
                    "CloudWatch > Alarms > Create alarm > Select metric: the resource's namespace and dimension "
                            + "(e.g. RDS > Per-Database Metrics > FreeStorageSpace), one alarm per missing metric, "
                            + "with an SNS action that reaches the on-call.",
                    "One `AWS::CloudWatch::Alarm` per missing metric, `Namespace`/`MetricName` as reported and "
                            + "`Dimensions` naming the resource (e.g. `LoadBalancer: !GetAtt "
                            + "Alb.LoadBalancerFullName`).",
                    "One `aws_cloudwatch_metric_alarm` per missing metric, `dimensions` naming the resource (e.g. "
                            + "`LoadBalancer = aws_lb.x.arn_suffix`, "
                            + "`TargetGroup = aws_lb_target_group.x.arn_suffix`).")),
            Map.entry("ebs-snapshot-recency", new RuleHint(
                    "AWS Backup > Backup plans > a daily plan > Assign resources: the volume (resource type EBS) "
                            + "or its instance; or EC2 > Lifecycle Manager > Create lifecycle policy targeting its "
                            + "tags. Restore archived snapshots to the standard tier.",
                    "`AWS::Backup::BackupSelection` selecting the volume (or its instance), or an "
                            + "`AWS::DLM::LifecyclePolicy` with an EBS snapshot schedule targeting its tags.",
                    "`aws_backup_selection` selecting the volume (or its instance), or an "
                            + "`aws_dlm_lifecycle_policy` with an EBS snapshot schedule targeting its tags.")),
            Map.entry("ec2-az-distribution", new RuleHint(
                    "EC2 > Auto Scaling groups: run the workload in a group whose subnets span several zones, or "
                            + "launch the missing instances in other zones.",
                    "`AWS::AutoScaling::AutoScalingGroup` with `VPCZoneIdentifier` in several zones, or "
                            + "`AWS::EC2::Instance` resources with `SubnetId` values in different zones.",
                    "`aws_autoscaling_group` with `vpc_zone_identifier` in several zones, or `aws_instance` "
                            + "resources with `subnet_id` values in different zones.")),
            Map.entry("ec2-detailed-monitoring", new RuleHint(
                    "EC2 > Instances > the instance > Actions > Monitor and troubleshoot > Manage detailed "
                            + "monitoring: Enable.",
                    "`AWS::EC2::Instance`: `Monitoring: true` (launch templates: `Monitoring.Enabled: true`).",
                    "`aws_instance`: `monitoring = true` (`aws_launch_template`: `monitoring { enabled = true }`).")),
            Map.entry("ec2-health-events", new RuleHint(
                    "EC2 > Events: reschedule or act on the instance's scheduled events; for impaired status "
                            + "checks, stop and start the instance (or replace it).",
                    "Not a template property: an `AWS::CloudWatch::Alarm` on `StatusCheckFailed_System` with a "
                            + "recover action, and an `AWS::Events::Rule` on AWS Health events, act on them early.",
                    "Not a resource attribute: an `aws_cloudwatch_metric_alarm` on `StatusCheckFailed_System` with "
                            + "a recover action, and an `aws_cloudwatch_event_rule` on AWS Health events, act on "
                            + "them early.")),
            Map.entry("ec2-standalone-recovery", new RuleHint(
                    "EC2 > Instances > the instance > Actions > Instance settings > Change auto-recovery behavior: "
                            + "Default (on a supported type); or CloudWatch > Alarms > Create alarm on "
                            + "StatusCheckFailed_System with the EC2 action Recover this instance.",
                    "`AWS::EC2::LaunchTemplate`: `MaintenanceOptions.AutoRecovery: default`; or an "
                            + "`AWS::CloudWatch::Alarm` on `StatusCheckFailed_System` with `AlarmActions` "
                            + "`arn:aws:automate:<region>:ec2:recover`.",
                    "`aws_instance`: `maintenance_options { auto_recovery = \"default\" }`; or an "
                            + "`aws_cloudwatch_metric_alarm` on `StatusCheckFailed_System` with `alarm_actions` "
                            + "`arn:aws:automate:<region>:ec2:recover`.")),
            Map.entry("elb-cross-zone", new RuleHint(
                    "EC2 > Load balancers > the load balancer > Attributes > Edit: turn on Cross-zone load "
                            + "balancing; for target groups, Target groups > the group > Attributes: inherit the "
                            + "load balancer's setting or turn it on.",
                    "`AWS::ElasticLoadBalancingV2::LoadBalancer`: `LoadBalancerAttributes` "
                            + "`load_balancing.cross_zone.enabled` = `true` (target groups: "
                            + "`TargetGroupAttributes`); `AWS::ElasticLoadBalancing::LoadBalancer`: "
                            + "`CrossZone: true`.",
                    "`aws_lb`: `enable_cross_zone_load_balancing = true` (`aws_lb_target_group`: "
                            + "`load_balancing_cross_zone_enabled`); `aws_elb`: `cross_zone_load_balancing = true`.")),
            Map.entry("elb-deletion-protection", new RuleHint(
                    "EC2 > Load balancers > the load balancer > Attributes > Edit: turn on Deletion protection.",
                    "`AWS::ElasticLoadBalancingV2::LoadBalancer`: `LoadBalancerAttributes` "
                            + "`deletion_protection.enabled` = `true`.",
                    "`aws_lb`: `enable_deletion_protection = true`.")),
            Map.entry("elb-graceful-deregistration", new RuleHint(
                    "EC2 > Target groups > the group > Attributes > Edit: set a Deregistration delay above zero; "
                            + "classic load balancers: Attributes > Connection draining.",
                    "`AWS::ElasticLoadBalancingV2::TargetGroup`: `TargetGroupAttributes` "
                            + "`deregistration_delay.timeout_seconds` above 0; "
                            + "`AWS::ElasticLoadBalancing::LoadBalancer`: `ConnectionDrainingPolicy.Enabled: true`.",
                    "`aws_lb_target_group`: `deregistration_delay` above 0; `aws_elb`: `connection_draining = true`.")),
            Map.entry("elb-multi-az", new RuleHint(
                    "EC2 > Load balancers > the load balancer > Network mapping > Edit subnets: enable a subnet in "
                            + "a second zone.",
                    "`AWS::ElasticLoadBalancingV2::LoadBalancer`: `Subnets` or `SubnetMappings` in two or more "
                            + "zones (`AWS::ElasticLoadBalancing::LoadBalancer`: `Subnets` or `AvailabilityZones`).",
                    "`aws_lb`: `subnets` or `subnet_mapping` in two or more zones (`aws_elb`: `subnets` or "
                            + "`availability_zones`).")),
            Map.entry("elb-target-az-balance", new RuleHint(
                    "EC2 > Target groups > the group > Targets: register targets in every enabled zone; for Auto "
                            + "Scaling groups, add subnets in each zone and keep AZRebalance active.",
                    "`AWS::AutoScaling::AutoScalingGroup`: `VPCZoneIdentifier` with a subnet in each of the load "
                            + "balancer's zones and `TargetGroupARNs`; or `Targets` spread across zones on "
                            + "`AWS::ElasticLoadBalancingV2::TargetGroup`.",
                    "`aws_autoscaling_group`: `vpc_zone_identifier` with a subnet in each of the load balancer's "
                            + "zones and `target_group_arns`; or `aws_lb_target_group_attachment` per zone.")),
            Map.entry("elb-target-health", new RuleHint(
                    "EC2 > Target groups > the group > Targets: read each target's health status and reason; "
                            + "Health checks > Edit: enable them and check path, port and thresholds.",
                    "`AWS::ElasticLoadBalancingV2::TargetGroup`: `HealthCheckEnabled: true` with a "
                            + "`HealthCheckPath` the targets answer.",
                    "`aws_lb_target_group`: a `health_check` block with `enabled = true` and a `path` the targets "
                            + "answer.")),
            Map.entry("rds-backup-retention", new RuleHint(
                    "RDS > Databases > the instance or cluster > Modify > Backup: set the backup retention period.",
                    "`AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`: `BackupRetentionPeriod`.",
                    "`aws_db_instance` / `aws_rds_cluster`: `backup_retention_period`.")),
            Map.entry("rds-cluster-failover-target", new RuleHint(
                    "RDS > Databases > the cluster > Actions > Add reader, in an availability zone the writer "
                            + "does not use, with the same Publicly accessible setting as the writer.",
                    "An extra `AWS::RDS::DBInstance` with the cluster's `DBClusterIdentifier`, its own "
                            + "`AvailabilityZone` and the writer's `PubliclyAccessible` value.",
                    "Another `aws_rds_cluster_instance` with its own `availability_zone` and the writer's "
                            + "`publicly_accessible` value.")),
            Map.entry("rds-cross-region-recovery", new RuleHint(
                    "RDS > Automated backups > Replicated > Replicate to another Region; or add a cross-Region "
                            + "read replica or Global Database; or copy AWS Backup recovery points to another "
                            + "Region in the backup plan's rule.",
                    "`AWS::RDS::DBInstance` cross-Region replica (`SourceDBInstanceIdentifier` as an ARN), "
                            + "`AWS::RDS::GlobalCluster`, or `AWS::Backup::BackupPlan` `CopyActions` to a vault "
                            + "in another Region.",
                    "`aws_db_instance_automated_backups_replication`, `aws_rds_global_cluster`, or a "
                            + "`copy_action` in an `aws_backup_plan` rule.")),
            Map.entry("rds-durability-parameters", new RuleHint(
                    "RDS > Parameter groups > the group > Edit: reset innodb_flush_log_at_trx_commit and "
                            + "sync_binlog to 1 (MySQL/MariaDB), synchronous_commit to on (PostgreSQL), "
                            + "read_only to {TrueIfReplica} for replicas.",
                    "`AWS::RDS::DBParameterGroup` / `AWS::RDS::DBClusterParameterGroup`: `Parameters` without "
                            + "the relaxed values.",
                    "`aws_db_parameter_group` / `aws_rds_cluster_parameter_group`: remove the `parameter` "
                            + "blocks that relax durability.")),
            Map.entry("rds-enhanced-monitoring", new RuleHint(
                    "RDS > Databases > the instance > Modify > Monitoring: turn on Enhanced Monitoring with a "
                            + "granularity of 60 seconds or finer.",
                    "`AWS::RDS::DBInstance`: `MonitoringInterval` (e.g. 60) and `MonitoringRoleArn`.",
                    "`aws_db_instance`: `monitoring_interval` (e.g. 60) and `monitoring_role_arn`.")),
            Map.entry("rds-event-subscription", new RuleHint(
                    "RDS > Event subscriptions > Create: SNS target; source types Instances and Clusters; "
                            + "categories failure, failover and maintenance.",
                    "`AWS::RDS::EventSubscription` per source type (`db-instance`, `db-cluster`) with "
                            + "`EventCategories` failure, failover, maintenance and `Enabled: true`.",
                    "`aws_db_event_subscription` per source type with `event_categories` failure, failover "
                            + "and maintenance.")),
            Map.entry("rds-storage-headroom", new RuleHint(
                    "RDS > Databases > the instance > Modify > Storage autoscaling: enable it and set a maximum "
                            + "storage threshold above the allocated storage; when free storage is already low, "
                            + "raise Allocated storage too.",
                    "`AWS::RDS::DBInstance`: `MaxAllocatedStorage` greater than `AllocatedStorage`.",
                    "`aws_db_instance`: `max_allocated_storage` greater than `allocated_storage`.")),
            Map.entry("rds-subnet-group-az-span", new RuleHint(
                    "RDS > Subnet groups > the group > Edit: add subnets in other availability zones (three "
                            + "zones give a failover target after a zone loss).",
                    "`AWS::RDS::DBSubnetGroup`: `SubnetIds` in at least two, ideally three, zones.",
                    "`aws_db_subnet_group`: `subnet_ids` in at least two, ideally three, zones.")),
            Map.entry("rds-cluster-multi-az", new RuleHint(
                    "RDS > Databases > the cluster > Actions > Add reader, placed in another availability zone.",
                    "A second `AWS::RDS::DBInstance` with the cluster's `DBClusterIdentifier` and an "
                            + "`AvailabilityZone` of its own.",
                    "Two or more `aws_rds_cluster_instance` resources, with different `availability_zone` values.")),
            Map.entry("rds-deletion-protection", new RuleHint(
                    "RDS > Databases > the instance or cluster > Modify: tick Enable deletion protection.",
                    "`AWS::RDS::DBInstance` / `AWS::RDS::DBCluster`: `DeletionProtection: true`.",
                    "`aws_db_instance` / `aws_rds_cluster`: `deletion_protection = true`.")),
            Map.entry("rds-instance-multi-az", new RuleHint(
                    "RDS > Databases > the instance > Modify > Availability and durability: create a standby "
                            + "instance.",
                    "`AWS::RDS::DBInstance`: `MultiAZ: true`.",
                    "`aws_db_instance`: `multi_az = true`."))));

    private RuleHints() {
    }

    public static Optional<RuleHint> of(String ruleId) {
        return Optional.ofNullable(HINTS.get(ruleId));
    }

    /** Every rule id with hints, sorted. */
    public static java.util.Set<String> ruleIds() {
        return java.util.Collections.unmodifiableSet(HINTS.keySet());
    }
}
