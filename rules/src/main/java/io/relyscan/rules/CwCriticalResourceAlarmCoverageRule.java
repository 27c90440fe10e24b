package io.relyscan.rules;

import io.relyscan.core.inventory.Alarm;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AutoScalingGroup;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbCluster;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.inventory.Resource;
import io.relyscan.core.inventory.TargetGroup;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.FindingBuilder;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * R35: every tier-1 RDS instance and cluster, application and network load balancer, target group and Auto
 * Scaling group has a metric alarm on each metric of its type's required set (a parameter per type). An alarm
 * covers a resource's metric when its namespace and metric name match and its dimensions include the resource's
 * dimension (DBInstanceIdentifier, DBClusterIdentifier, LoadBalancer = the ARN suffix app/name/id or net/name/id,
 * TargetGroup = targetgroup/name/id, AutoScalingGroupName); more dimensions are allowed, so an UnHealthyHostCount
 * alarm on TargetGroup+LoadBalancer covers both. For metric-math alarms every MetricStat input counts. Alarms
 * whose actions are off or missing still count (cw-alarm-has-actions and cw-alarm-actions-enabled judge those);
 * target-tracking alarms do not, as they scale rather than tell anyone and vanish with their policy.
 *
 * <p>No required metric alarmed fails at MEDIUM; some but not all fails one level lower (LOW). The engine raises
 * both one more level, as every resource judged here is tier-1. Resources that are not tier-1 are not applicable,
 * and so is everything when relyscan.yaml names no tier-1 tag. Members of a DB cluster are judged through their
 * cluster; gateway and classic load balancers and target groups not attached to an application or network load
 * balancer are out of scope.
 */
public final class CwCriticalResourceAlarmCoverageRule implements Rule {
    static final String DB_INSTANCE_METRICS = "dbInstanceMetrics";
    static final String DB_CLUSTER_METRICS = "dbClusterMetrics";
    static final String APPLICATION_LB_METRICS = "applicationLoadBalancerMetrics";
    static final String NETWORK_LB_METRICS = "networkLoadBalancerMetrics";
    static final String TARGET_GROUP_METRICS = "targetGroupMetrics";
    static final String ASG_METRICS = "autoScalingGroupMetrics";
    static final String RDS = "AWS/RDS";
    static final String ALB = "AWS/ApplicationELB";
    static final String NLB = "AWS/NetworkELB";
    static final String ASG = "AWS/AutoScaling";

    private static final RuleMetadata METADATA = new RuleMetadata("cw-critical-resource-alarm-coverage", "R35",
            "Tier-1 resources have CloudWatch alarms on their key metrics", Severity.MEDIUM,
            "DbInstance, DbCluster, LoadBalancer, TargetGroup, AutoScalingGroup",
            "A production-critical database, load balancer or Auto Scaling group without alarms on its key "
                    + "metrics fails silently: nobody learns that it is saturated, out of storage, returning "
                    + "errors or out of healthy capacity until users report it.",
            "Create a metric alarm, with an action that reaches the on-call, for each missing metric on the "
                    + "resource's dimension (e.g. aws cloudwatch put-metric-alarm --namespace AWS/RDS --metric-name "
                    + "FreeStorageSpace --dimensions Name=DBInstanceIdentifier,Value=ID ...).",
            Controls.of("REL06-BP01, REL06-BP03, REL11-BP01", "CC7.2*", "A.8.16*", "SI-4*, CA-7*"),
            List.of(RuleParameter.stringList(DB_INSTANCE_METRICS, List.of("CPUUtilization", "FreeStorageSpace"),
                            "AWS/RDS metrics each tier-1 DB instance (DBInstanceIdentifier) needs an alarm on"),
                    RuleParameter.stringList(DB_CLUSTER_METRICS, List.of("CPUUtilization"),
                            "AWS/RDS metrics each tier-1 DB cluster (DBClusterIdentifier) needs an alarm on; "
                                    + "Aurora reports no cluster-level FreeStorageSpace"),
                    RuleParameter.stringList(APPLICATION_LB_METRICS,
                            List.of("HTTPCode_ELB_5XX_Count", "UnHealthyHostCount", "TargetResponseTime"),
                            "AWS/ApplicationELB metrics each tier-1 application load balancer (LoadBalancer) "
                                    + "needs an alarm on"),
                    RuleParameter.stringList(NETWORK_LB_METRICS, List.of("UnHealthyHostCount"),
                            "AWS/NetworkELB metrics each tier-1 network load balancer (LoadBalancer) needs an "
                                    + "alarm on"),
                    RuleParameter.stringList(TARGET_GROUP_METRICS, List.of("UnHealthyHostCount"),
                            "Metrics each tier-1 target group (TargetGroup) needs an alarm on, in the namespace "
                                    + "of its load balancer"),
                    RuleParameter.stringList(ASG_METRICS, List.of("GroupInServiceInstances"),
                            "AWS/AutoScaling metrics each tier-1 Auto Scaling group (AutoScalingGroupName) needs "
                                    + "an alarm on; group metrics collection must be enabled for them")),
            Set.of(AwsService.CLOUDWATCH, AwsService.RDS, AwsService.ELBV2, AwsService.AUTOSCALING));

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    /** What one resource is watched by: namespace plus one dimension, and the metrics it needs alarms on. */
    private record Target(String namespace, String dimension, String value, String parameter) {
    }

    /** Metric alarms by scope, namespace, dimension name and value: the metric names they watch, and by whom. */
    private static final class AlarmIndex {
        private final Map<String, Map<String, Set<String>>> alarmsByMetric = new HashMap<>();
        private final Map<String, Set<String>> targetTracking = new HashMap<>();

        AlarmIndex(List<Alarm> alarms) {
            for (Alarm a : alarms) {
                if (a.isComposite()) {
                    continue;
                }
                List<AlarmMetric> inputs = a.metrics().isEmpty()
                        ? List.of(new AlarmMetric(null, a.namespace(), a.metricName(), a.dimensions()))
                        : a.metrics();
                for (AlarmMetric m : inputs) {
                    if (m.namespace() == null || m.metricName() == null) {
                        continue;
                    }
                    m.dimensions().forEach((name, value) -> {
                        String key = key(a, m.namespace(), name, value);
                        if (a.isTargetTracking()) {
                            targetTracking.computeIfAbsent(key, k -> new TreeSet<>()).add(a.name());
                        } else {
                            alarmsByMetric.computeIfAbsent(key, k -> new TreeMap<>())
                                    .computeIfAbsent(m.metricName(), k -> new TreeSet<>()).add(a.name());
                        }
                    });
                }
            }
        }

        private static String key(Resource r, String namespace, String dimension, String value) {
            return r.account() + "\u0000" + r.region() + "\u0000" + namespace + "\u0000" + dimension + "\u0000"
                    + value;
        }

        Map<String, Set<String>> alarms(Resource r, Target t) {
            return alarmsByMetric.getOrDefault(key(r, t.namespace(), t.dimension(), t.value()), Map.of());
        }

        Set<String> targetTracking(Resource r, Target t) {
            return targetTracking.getOrDefault(key(r, t.namespace(), t.dimension(), t.value()), Set.of());
        }
    }

    @Override
    public List<Finding> evaluate(RuleContext context) {
        AlarmIndex index = new AlarmIndex(context.inventory().all(Alarm.class));
        List<Finding> findings = new ArrayList<>();
        for (DbInstance db : context.inventory().all(DbInstance.class)) {
            FindingBuilder f = context.on(db);
            if (db.isClusterMember()) {
                findings.add(f.notApplicable("member of DB cluster " + db.clusterIdentifier()
                        + "; the cluster's alarms are checked"));
                continue;
            }
            findings.add(evaluate(context, index, db, f,
                    new Target(RDS, "DBInstanceIdentifier", db.identifier(), DB_INSTANCE_METRICS)));
        }
        for (DbCluster cluster : context.inventory().all(DbCluster.class)) {
            findings.add(evaluate(context, index, cluster, context.on(cluster),
                    new Target(RDS, "DBClusterIdentifier", cluster.identifier(), DB_CLUSTER_METRICS)));
        }
        Map<String, LoadBalancer> loadBalancers = new HashMap<>();
        for (LoadBalancer lb : context.inventory().all(LoadBalancer.class)) {
            loadBalancers.put(lb.arn(), lb);
            FindingBuilder f = context.on(lb).evidence("Type", lb.type());
            String suffix = suffix(lb.arn(), "loadbalancer/");
            String namespace = suffix == null ? null : namespaceOf(lb.type(), suffix);
            if (lb.isClassic() || namespace == null) {
                findings.add(f.notApplicable(lb.type() + " load balancers are not in this rule's scope"));
                continue;
            }
            findings.add(evaluate(context, index, lb, f, new Target(namespace, "LoadBalancer", suffix,
                    namespace.equals(ALB) ? APPLICATION_LB_METRICS : NETWORK_LB_METRICS)));
        }
        for (TargetGroup tg : context.inventory().all(TargetGroup.class)) {
            FindingBuilder f = context.on(tg).evidence("LoadBalancerArns", tg.loadBalancerArns());
            Set<String> namespaces = new LinkedHashSet<>();
            for (String lbArn : tg.loadBalancerArns()) {
                String lbSuffix = suffix(lbArn, "loadbalancer/");
                LoadBalancer lb = loadBalancers.get(lbArn);
                String ns = lbSuffix == null ? null : namespaceOf(lb == null ? null : lb.type(), lbSuffix);
                if (ns != null) {
                    namespaces.add(ns);
                }
            }
            String suffix = suffix(tg.arn(), ":targetgroup/");
            if (namespaces.isEmpty() || suffix == null) {
                findings.add(f.notApplicable("not attached to an application or network load balancer, so it "
                        + "reports no metrics"));
                continue;
            }
            // A target group serves load balancers of one kind, so one namespace.
            findings.add(evaluate(context, index, tg, f, new Target(namespaces.iterator().next(), "TargetGroup",
                    "targetgroup/" + suffix, TARGET_GROUP_METRICS)));
        }
        for (AutoScalingGroup asg : context.inventory().all(AutoScalingGroup.class)) {
            findings.add(evaluate(context, index, asg, context.on(asg),
                    new Target(ASG, "AutoScalingGroupName", asg.name(), ASG_METRICS)));
        }
        return findings;
    }

    private static Finding evaluate(RuleContext context, AlarmIndex index, Resource resource, FindingBuilder f,
                                    Target t) {
        if (!context.isTier1(resource)) {
            return f.notApplicable(context.hasTier1Selector()
                    ? "not tier-1; the rule checks tier-1 resources only"
                    : "no tier-1 tag is configured (tier1 in relyscan.yaml), and the rule checks tier-1 resources "
                    + "only");
        }
        List<String> required = context.stringListParameter(t.parameter());
        f.evidence("Namespace", t.namespace()).evidence("Dimension", t.dimension() + "=" + t.value())
                .evidence("RequiredMetrics", required);
        if (required.isEmpty()) {
            return f.notApplicable(t.parameter() + " requires no metrics");
        }
        Map<String, Set<String>> alarmed = index.alarms(resource, t);
        List<String> covered = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> alarmNames = new TreeSet<>();
        for (String metric : new LinkedHashSet<>(required)) {
            Set<String> names = alarmed.get(metric);
            if (names == null) {
                missing.add(metric);
            } else {
                covered.add(metric);
                alarmNames.addAll(names);
            }
        }
        Set<String> targetTracking = index.targetTracking(resource, t);
        f.evidence("AlarmedMetrics", covered).evidence("MissingMetrics", missing).evidence("Alarms", alarmNames);
        if (!targetTracking.isEmpty()) {
            f.evidence("TargetTrackingAlarmsNotCounted", targetTracking);
        }
        String on = t.namespace() + " " + t.dimension() + "=" + t.value();
        if (missing.isEmpty()) {
            return f.pass("every required metric of " + on + " has an alarm: " + String.join(", ", covered));
        }
        if (covered.isEmpty()) {
            return f.fail("no metric alarm watches " + on + "; required: " + String.join(", ", missing));
        }
        return f.fail(METADATA.severity().lower(), "alarms on " + on + " cover " + covered.size() + " of "
                + (covered.size() + missing.size()) + " required metrics; missing: " + String.join(", ", missing));
    }

    /** The part of an ARN after {@code marker}, or null when the marker is absent or nothing follows it. */
    private static String suffix(String arn, String marker) {
        int at = arn == null ? -1 : arn.indexOf(marker);
        if (at < 0 || at + marker.length() >= arn.length()) {
            return null;
        }
        return arn.substring(at + marker.length());
    }

    /**
     * The namespace of a load balancer's metrics by its type (application, network), or, when the load balancer
     * was not collected, by its ARN (app/..., net/...); null for gateway load balancers and others.
     */
    private static String namespaceOf(String type, String lbSuffix) {
        if (type != null) {
            return switch (type) {
                case "application" -> ALB;
                case "network" -> NLB;
                default -> null;
            };
        }
        if (lbSuffix.startsWith("app/")) {
            return ALB;
        }
        if (lbSuffix.startsWith("net/")) {
            return NLB;
        }
        return null;
    }
}
