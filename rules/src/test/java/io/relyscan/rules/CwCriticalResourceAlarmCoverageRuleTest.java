package io.relyscan.rules;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AlarmMetric;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class CwCriticalResourceAlarmCoverageRuleTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1"));
    private static final String ALB_SUFFIX = "app/web/0123456789abcdef";
    private static final String NLB_SUFFIX = "net/edge/0123456789abcdef";
    private static final String TG_SUFFIX = "targetgroup/web-tg/0123456789abcdef";

    private final CwCriticalResourceAlarmCoverageRule rule = new CwCriticalResourceAlarmCoverageRule();

    private List<Finding> evaluate(Inventory inventory) {
        return evaluate(inventory, Map.of());
    }

    private List<Finding> evaluate(Inventory inventory, Map<String, String> parameters) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, parameters, TIER1));
    }

    private static InventoryFixture rdsAlarm(InventoryFixture f, String name, String metric, String dim,
                                             String value) {
        return f.alarm(name, a -> a.metric("AWS/RDS", metric).dimensions(dim, value));
    }

    @Test
    void evaluate_whenTier1DbInstanceHasEveryRequiredAlarm_passes() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
        rdsAlarm(f, "orders-cpu", "CPUUtilization", "DBInstanceIdentifier", "orders");
        rdsAlarm(f, "orders-storage", "FreeStorageSpace", "DBInstanceIdentifier", "orders");

        Finding db = finding(evaluate(f.build()), "orders");

        assertThat(db.outcome()).isEqualTo(Outcome.PASS);
        assertThat(db.evidence()).containsEntry("Alarms", List.of("orders-cpu", "orders-storage"))
                .containsEntry("MissingMetrics", List.of())
                .containsEntry("Dimension", "DBInstanceIdentifier=orders")
                .containsEntry("RequiredMetrics", List.of("CPUUtilization", "FreeStorageSpace"));
        assertThat(db.parameters()).containsEntry("dbInstanceMetrics", "CPUUtilization,FreeStorageSpace");
    }

    @Test
    void evaluate_whenTier1DbInstanceHasNoAlarm_failsMedium() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
        // Same metric, other instance; same identifier, other namespace: neither covers it.
        rdsAlarm(f, "other-cpu", "CPUUtilization", "DBInstanceIdentifier", "billing");
        f.alarm("ec2-cpu", a -> a.metric("AWS/EC2", "CPUUtilization").dimensions("DBInstanceIdentifier", "orders"));

        Finding db = finding(evaluate(f.build()), "orders");

        assertThat(db.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(db.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(db.message()).contains("no metric alarm watches AWS/RDS DBInstanceIdentifier=orders");
        assertThat(db.evidence()).containsEntry("MissingMetrics", List.of("CPUUtilization", "FreeStorageSpace"));
    }

    @Test
    void evaluate_whenPartiallyCovered_failsOneLevelLowerListingTheMissingMetrics() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
        rdsAlarm(f, "orders-cpu", "CPUUtilization", "DBInstanceIdentifier", "orders");

        Finding db = finding(evaluate(f.build()), "orders");

        assertThat(db.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(db.severity()).isEqualTo(Severity.LOW);
        assertThat(db.message()).contains("1 of 2").contains("missing: FreeStorageSpace");
        assertThat(db.evidence()).containsEntry("AlarmedMetrics", List.of("CPUUtilization"))
                .containsEntry("MissingMetrics", List.of("FreeStorageSpace"));
    }

    @Test
    void evaluate_whenMetricListConfigured_usesIt() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
        rdsAlarm(f, "orders-conn", "DatabaseConnections", "DBInstanceIdentifier", "orders");

        List<Finding> findings = evaluate(f.build(), Map.of("dbInstanceMetrics", "DatabaseConnections"));

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(evaluate(f.build(), Map.of("dbInstanceMetrics", "")), "orders").outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenNotTier1OrNoTier1Configured_isNotApplicable() {
        Inventory inventory = InventoryFixture.create().dbInstance("scratch", db -> db).build();

        assertThat(only(evaluate(inventory)).message()).contains("not tier-1");
        Finding unconfigured = only(RuleTesting.evaluate(rule, inventory));
        assertThat(unconfigured.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(unconfigured.message()).contains("no tier-1 tag is configured");
    }

    @Test
    void evaluate_clusterAndItsMembers() {
        InventoryFixture f = InventoryFixture.create()
                .dbCluster("payments", c -> c.engine("aurora-postgresql").tag("criticality", "tier-1"))
                .dbInstance("payments-1", db -> db.engine("aurora-postgresql").cluster("payments")
                        .tag("criticality", "tier-1"));
        rdsAlarm(f, "payments-cpu", "CPUUtilization", "DBClusterIdentifier", "payments");

        List<Finding> findings = evaluate(f.build());

        assertThat(finding(findings, "payments").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "payments-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "payments-1").message()).contains("member of DB cluster payments");
    }

    @Test
    void evaluate_loadBalancersMatchOnArnSuffix() {
        InventoryFixture f = InventoryFixture.create()
                .loadBalancer("web", lb -> lb.tag("criticality", "tier-1"))
                .loadBalancer("edge", lb -> lb.type("network").tag("criticality", "tier-1"))
                .loadBalancer("appliance", lb -> lb.type("gateway").tag("criticality", "tier-1"))
                .loadBalancer("legacy", lb -> lb.type("classic").tag("criticality", "tier-1"));
        for (String metric : List.of("HTTPCode_ELB_5XX_Count", "TargetResponseTime")) {
            f.alarm("web-" + metric, a -> a.metric("AWS/ApplicationELB", metric).dimensions("LoadBalancer",
                    ALB_SUFFIX));
        }
        // UnHealthyHostCount is reported per target group and load balancer: it covers both.
        f.alarm("web-unhealthy", a -> a.metric("AWS/ApplicationELB", "UnHealthyHostCount")
                .dimensions("LoadBalancer", ALB_SUFFIX, "TargetGroup", TG_SUFFIX));
        // The NLB's metric in the ALB namespace does not count.
        f.alarm("edge-wrong-namespace", a -> a.metric("AWS/ApplicationELB", "UnHealthyHostCount")
                .dimensions("LoadBalancer", NLB_SUFFIX));

        List<Finding> findings = evaluate(f.build());

        assertThat(finding(findings, "web").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "web").evidence()).containsEntry("Dimension", "LoadBalancer=" + ALB_SUFFIX);
        assertThat(finding(findings, "edge").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "edge").evidence()).containsEntry("Namespace", "AWS/NetworkELB");
        assertThat(finding(findings, "appliance").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(finding(findings, "legacy").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_targetGroupsByTheirLoadBalancersNamespace() {
        InventoryFixture f = InventoryFixture.create();
        String alb = f.arn("elasticloadbalancing", "loadbalancer/" + ALB_SUFFIX);
        f.targetGroup("web-tg", tg -> tg.loadBalancer(alb).tag("criticality", "tier-1"))
                .targetGroup("idle-tg", tg -> tg.tag("criticality", "tier-1"))
                .alarm("web-tg-unhealthy", a -> a.metric("AWS/ApplicationELB", "UnHealthyHostCount")
                        .dimensions("LoadBalancer", ALB_SUFFIX, "TargetGroup", TG_SUFFIX));

        List<Finding> findings = evaluate(f.build());

        assertThat(finding(findings, "web-tg").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "web-tg").evidence()).containsEntry("Dimension", "TargetGroup=" + TG_SUFFIX);
        assertThat(finding(findings, "idle-tg").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_namespaceFollowsTheLoadBalancerTypeNotItsArn() {
        // moto names every ELBv2 load balancer loadbalancer/app/...; the type decides the namespace.
        InventoryFixture f = InventoryFixture.create();
        String arn = f.arn("elasticloadbalancing", "loadbalancer/app/edge/1");
        f.add(new io.relyscan.core.inventory.LoadBalancer(arn, InventoryFixture.ACCOUNT,
                        "us-east-1", "edge", "network", "internal", "active", List.of("us-east-1a"), List.of(),
                        Map.of(), null, Map.of("criticality", "tier-1")))
                .targetGroup("edge-tg", tg -> tg.loadBalancer(arn).tag("criticality", "tier-1"))
                .alarm("edge-unhealthy", a -> a.metric("AWS/NetworkELB", "UnHealthyHostCount")
                        .dimensions("LoadBalancer", "app/edge/1", "TargetGroup", TG_SUFFIX.replace("web-tg",
                                "edge-tg")));

        List<Finding> findings = evaluate(f.build());

        assertThat(finding(findings, "edge").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "edge").evidence()).containsEntry("Namespace", "AWS/NetworkELB");
        assertThat(finding(findings, "edge-tg").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_metricMathAlarmCoversEveryInputMetric() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .alarm("orders-health", a -> a.metricMath(
                        new AlarmMetric("cpu", "AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "orders")),
                        new AlarmMetric("free", "AWS/RDS", "FreeStorageSpace",
                                Map.of("DBInstanceIdentifier", "orders"))));

        Finding db = finding(evaluate(f.build()), "orders");

        assertThat(db.outcome()).isEqualTo(Outcome.PASS);
        assertThat(db.evidence()).containsEntry("Alarms", List.of("orders-health"));
    }

    @Test
    void evaluate_compositeAndTargetTrackingAlarmsDoNotCount() {
        InventoryFixture f = InventoryFixture.create()
                .autoScalingGroup("web", asg -> asg.tag("criticality", "tier-1"))
                .alarm("TargetTracking-web-AlarmHigh-1a2b", a -> a.metric("AWS/AutoScaling",
                        "GroupInServiceInstances").dimensions("AutoScalingGroupName", "web"))
                .alarm("web-down", a -> a.composite("ALARM(web-capacity)"));

        Finding asg = finding(evaluate(f.build()), "web");

        assertThat(asg.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(asg.evidence()).containsEntry("TargetTrackingAlarmsNotCounted",
                List.of("TargetTracking-web-AlarmHigh-1a2b"));
    }

    @Test
    void evaluate_asgCoveredByAlarmEvenWithActionsMuted_passes() {
        Finding asg = finding(evaluate(InventoryFixture.create()
                .autoScalingGroup("web", g -> g.tag("criticality", "tier-1"))
                .alarm("web-capacity", a -> a.metric("AWS/AutoScaling", "GroupInServiceInstances")
                        .dimensions("AutoScalingGroupName", "web").actionsEnabled(false)).build()), "web");

        assertThat(asg.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_alarmInAnotherRegion_doesNotCover() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .region("eu-west-1");
        rdsAlarm(f, "orders-cpu", "CPUUtilization", "DBInstanceIdentifier", "orders");
        rdsAlarm(f, "orders-storage", "FreeStorageSpace", "DBInstanceIdentifier", "orders");

        assertThat(finding(evaluate(f.build()), "orders").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_throughEngine_tier1FailureIsEscalated() {
        Inventory inventory = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"))
                .build();

        Finding f = only(new RuleEngine(List.of(rule), EngineSettings.defaults().withTier1(TIER1))
                .evaluate(inventory));

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void evaluate_whenCloudWatchCollectionFailed_neverPasses() {
        InventoryFixture f = InventoryFixture.create().dbInstance("orders", db -> db.tag("criticality", "tier-1"));
        rdsAlarm(f, "orders-cpu", "CPUUtilization", "DBInstanceIdentifier", "orders");
        rdsAlarm(f, "orders-storage", "FreeStorageSpace", "DBInstanceIdentifier", "orders");
        List<Finding> findings = new RuleEngine(List.of(rule), EngineSettings.defaults().withTier1(TIER1))
                .evaluate(f.failed(AwsService.CLOUDWATCH).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }
}
