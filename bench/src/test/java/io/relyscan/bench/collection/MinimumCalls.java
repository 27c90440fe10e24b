package io.relyscan.bench.collection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fewest AWS calls a scan of an {@link EstateShape} with every built-in rule enabled can make, from the
 * collectors' documented call plan (see each *Collector in collectors/) and the largest page each API allows:
 * every listing costs ceil(items / max page) calls and at least one (emptiness is only known by asking), per
 * (account, region); per-resource calls are counted only where the API has no bulk form. Keys are
 * "service Operation" as {@link LatencyProxy} names requests (signing names, classic ELB as "elb").
 *
 * <p>Two moto facts enter the model, both marked: moto reports every topic's SubscriptionsConfirmed as 0, so the
 * collector's per-topic ListSubscriptionsByTopic check runs for every topic; moto's alarms start in OK, so no
 * alarm needs its metric checked with ListMetrics.
 */
final class MinimumCalls {
    private final EstateShape s;
    private final Map<String, Long> calls = new LinkedHashMap<>();

    private MinimumCalls(EstateShape shape) {
        this.s = shape;
    }

    /** Minimum calls per operation for the whole estate. */
    static Map<String, Long> of(EstateShape shape) {
        MinimumCalls m = new MinimumCalls(shape);
        m.model();
        return m.calls;
    }

    /** The longest chain of calls that must run one after another (data dependencies only), in calls. */
    static int criticalPathCalls(EstateShape shape) {
        int assumeRole = 1;                                              // credentials before anything else
        int regions = 1;                                                 // then the account's enabled regions
        int sns = pages(shape.topics(), 100) + 1 + (shape.topics() > 0 ? 1 : 0); // list -> attributes -> subs
        int ec2 = pages(shape.instancesPerScope(), 1000) + 1;            // instances -> their types
        int asg = 1 + (shape.groups() > 0 ? 1 : 0);                      // template versions -> their AMIs
        int rds = pages(shape.dbInstances(), 100) + 1;                   // instances -> their parameter groups
        int cw = 1 + (shape.dbInstances() > 0 ? 1 : 0);                  // ListMetrics -> GetMetricData
        int elb = 2;                                                     // list -> per-load-balancer calls
        int backup = 2;                                                  // plans/vaults -> per-plan/vault calls
        int config = 2;                                                  // recorders -> their status
        return assumeRole + regions + Math.max(sns, Math.max(ec2, Math.max(asg, Math.max(rds, Math.max(cw,
                Math.max(elb, Math.max(backup, config)))))));
    }

    private void model() {
        long scopes = s.scopes();
        long accounts = s.accounts();
        int instances = s.instancesPerScope();
        int volumes = instances + s.volumes();                    // a root volume per instance, plus the extra ones
        int types = 2;                                            // t3.micro and m5.large
        int tgs = s.targetGroups();

        // ---- once per member account ------------------------------------------------------------------------
        add("sts AssumeRole", accounts);                           // credentials of the account's role
        add("sts GetCallerIdentity", 0);                           // not needed: --accounts names the accounts
        add("ec2 DescribeRegions", accounts);                      // issue 5: regions discovered per account

        // ---- EC2 (Ec2Collector), per (account, region) --------------------------------------------------------
        add("ec2 DescribeAvailabilityZones", scopes);              // one unpaged call
        add("ec2 DescribeSubnets", scopes * pages(6, 1000));       // default VPC: a subnet per zone; max 1000/page
        add("ec2 DescribeInstances", scopes * pages(instances, 1000));      // max 1000 per page
        add("ec2 DescribeInstanceStatus", scopes * (instances > 0 ? pages(instances, 1000) : 0)); // max 1000
        add("ec2 DescribeInstanceTypes", scopes * (instances > 0 ? pages(types, 100) : 0));       // types in use
        add("ec2 DescribeVolumes", scopes * pages(volumes, 500));  // max 500 per page
        add("ec2 DescribeSnapshots", scopes * pages(s.snapshots(), 1000));  // OwnerIds=self, max 1000 per page

        // ---- Auto Scaling (AutoScalingCollector, AutoScalingLaunchLookups) ------------------------------------
        boolean groups = s.groups() > 0;
        add("autoscaling DescribeAutoScalingGroups", scopes * pages(s.groups(), 100));  // max 100 per page
        add("autoscaling DescribePolicies", scopes * (groups ? pages(s.groups(), 50) : 0)); // a policy per group
        add("autoscaling DescribeScalingActivities", scopes * (groups ? 1 : 0));  // moto keeps no activities
        add("autoscaling DescribeLaunchConfigurations", 0);       // no group uses a launch configuration
        add("ec2 DescribeLaunchTemplateVersions",                 // $Latest and $Default of every template, 200/page
                scopes * (groups ? pages(2 * s.templates(), 200) : 0));
        add("ec2 DescribeImages", scopes * (groups ? 1 : 0));     // the one AMI the templates use, 100 per call

        // ---- RDS (RdsCollector) --------------------------------------------------------------------------------
        add("rds DescribeDBInstances", scopes * pages(s.dbInstances(), 100));   // max 100 per page
        add("rds DescribeDBClusters", scopes);                     // none, but only asking tells
        add("rds DescribeDBSubnetGroups", scopes);                 // the default group
        add("rds DescribeEventSubscriptions", scopes);             // none
        add("rds DescribeDBParameterGroups", scopes * (s.dbInstances() > 0 ? 1 : 0)); // family of the custom group
        add("rds DescribeDBParameters", scopes * (s.dbInstances() > 0 ? 1 : 0));     // the custom group, filtered
        add("rds DescribeDBClusterParameterGroups", 0);            // no cluster
        add("rds DescribeDBClusterParameters", 0);                 // no cluster

        // ---- CloudWatch (CloudWatchCollector) ----------------------------------------------------------------
        add("cloudwatch DescribeAlarms", scopes * pages(s.alarms(), 100));      // max 100 per page
        add("cloudwatch ListMetrics", scopes);                     // RDS FreeStorageSpace metrics, 500 per page;
                                                                   // (moto) no alarm in INSUFFICIENT_DATA to check
        add("cloudwatch GetMetricData", scopes * (s.dbInstances() > 0 ? pages(s.dbInstances(), 500) : 0));

        // ---- SNS (SnsCollector) ------------------------------------------------------------------------------
        add("sns ListTopics", scopes * pages(s.topics(), 100));    // fixed 100 per page
        add("sns GetTopicAttributes", scopes * s.topics());        // no bulk form
        add("sns ListSubscriptionsByTopic", scopes * s.topics());  // (moto) every topic reports 0 confirmed

        // ---- Config (ConfigCollector) ------------------------------------------------------------------------
        add("config DescribeConfigurationRecorders", scopes);
        add("config DescribeConfigurationRecorderStatus", scopes); // a recorder exists

        // ---- Classic ELB (ElbCollector) ----------------------------------------------------------------------
        add("elb DescribeLoadBalancers", scopes * pages(s.classicElbs(), 400));     // max 400 per page
        add("elb DescribeTags", scopes * ceil(s.classicElbs(), 20));                // 20 names per call
        add("elb DescribeLoadBalancerAttributes", scopes * s.classicElbs());        // no bulk form
        add("elb DescribeInstanceHealth", scopes * s.classicElbs());                // no bulk form

        // ---- ELBv2 (Elbv2Collector) --------------------------------------------------------------------------
        add("elbv2 DescribeLoadBalancers", scopes * pages(s.loadBalancers(), 400)); // max 400 per page
        add("elbv2 DescribeTargetGroups", scopes * pages(tgs, 400));                // max 400 per page
        add("elbv2 DescribeTags", scopes * ceil(s.loadBalancers() + tgs, 20));      // 20 ARNs per call
        add("elbv2 DescribeLoadBalancerAttributes", scopes * s.loadBalancers());    // no bulk form
        add("elbv2 DescribeTargetHealth", scopes * tgs);                            // no bulk form
        add("elbv2 DescribeTargetGroupAttributes", scopes * tgs);                   // no bulk form

        // ---- AWS Backup (BackupCollector) --------------------------------------------------------------------
        add("backup ListBackupPlans", scopes * pages(s.backupPlans(), 1000));       // max 1000 per page
        add("backup ListBackupVaults", scopes * pages(s.vaults(), 1000));
        add("backup ListProtectedResources", scopes);
        add("backup ListBackupJobs", scopes);                      // last 14 days
        add("backup ListCopyJobs", scopes);
        add("backup ListRestoreJobs", scopes);
        add("backup ListRestoreTestingPlans", scopes);
        add("backup DescribeRegionSettings", scopes);
        add("backup GetBackupPlan", scopes * s.backupPlans());     // rules: no bulk form
        add("backup ListBackupSelections", scopes * s.backupPlans());        // per plan
        add("backup GetBackupSelection", 0);                       // (stub) no selection
        add("backup ListRecoveryPointsByBackupVault", scopes * s.vaults());  // per vault
        add("backup GetBackupVaultAccessPolicy", scopes * s.vaults());       // per vault, no bulk form
        add("backup ListRestoreTestingSelections", 0);             // no restore testing plan
    }

    private void add(String operation, long count) {
        calls.put(operation, count);
    }

    /** Pages of a listing: at least one. */
    static int pages(int items, int maxPage) {
        return Math.max(1, ceil(items, maxPage));
    }

    static int ceil(int items, int per) {
        return (items + per - 1) / per;
    }
}
