package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static org.assertj.core.api.Assertions.assertThat;

class ElbTargetAzBalanceRuleTest {
    private static final String A = "us-east-1a";
    private static final String B = "us-east-1b";
    private static final String C = "us-east-1c";

    private final ElbTargetAzBalanceRule rule = new ElbTargetAzBalanceRule();

    /** A network load balancer in zones a and b (cross-zone as given) with one target group "tg". */
    private static Finding judge(String crossZone, UnaryOperator<InventoryFixture.TargetGroupSpec> targets) {
        return judge(crossZone, targets, Map.of());
    }

    private static Finding judge(String crossZone, UnaryOperator<InventoryFixture.TargetGroupSpec> targets,
                                 Map<String, String> parameters) {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        fx.loadBalancer("nlb", lb -> lb.type("network").attribute("load_balancing.cross_zone.enabled", crossZone))
                .targetGroup("tg", tg -> targets.apply(tg.loadBalancer(nlbArn)));
        return finding(evaluate(new ElbTargetAzBalanceRule(), fx.build(), parameters), "tg");
    }

    @Test
    void evaluate_whenTargetsEvenlySpread_passes() {
        Finding f = judge("false", tg -> tg.target("i-1", A, "healthy").target("i-2", B, "healthy")
                .target("i-3", A, "healthy").target("i-4", B, "healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("HealthyTargetsPerZone", Map.of(A, 2, B, 2));
    }

    @Test
    void evaluate_whenEnabledZoneHasNoHealthyTargetAndCrossZoneOff_fails() {
        Finding f = judge("false", tg -> tg.target("i-1", A, "healthy").target("i-2", B, "unhealthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains(B).contains("cross-zone");
    }

    @Test
    void evaluate_whenOneEmptyZoneButCrossZoneOnAndDifferenceIsOne_passes() {
        assertThat(judge("true", tg -> tg.target("i-1", A, "healthy")).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenOneZoneHoldsMoreThanTwoThirds_fails() {
        Finding f = judge("true", tg -> tg.target("i-1", A, "healthy").target("i-2", A, "healthy")
                .target("i-3", A, "healthy").target("i-4", B, "healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenOneZoneHoldsBetweenHalfAndTwoThirds_warns() {
        // 3 of 5 = 60%, difference 1 would be exempt, so use 6 of 10 (difference 2).
        Finding f = judge("true", tg -> {
            for (int i = 0; i < 6; i++) {
                tg.target("i-a" + i, A, "healthy");
            }
            for (int i = 0; i < 4; i++) {
                tg.target("i-b" + i, B, "healthy");
            }
            return tg;
        });

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_whenDifferenceIsAtMostOne_passesDespiteShare() {
        assertThat(judge("true", tg -> tg.target("i-1", A, "healthy").target("i-2", A, "healthy")
                .target("i-3", B, "healthy")).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenThresholdsRaised_passesThreeToOne() {
        Finding f = judge("true", tg -> tg.target("i-1", A, "healthy").target("i-2", A, "healthy")
                .target("i-3", A, "healthy").target("i-4", B, "healthy"),
                Map.of("failSharePercent", "80", "warnSharePercent", "80"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.parameters()).containsEntry("failSharePercent", "80");
    }

    @Test
    void evaluate_whenIpTargetsOutsideVpc_ignoresThem() {
        Finding f = judge("false", tg -> tg.targetType("ip").target("10.0.0.1", A, "healthy")
                .target("10.0.1.1", B, "healthy").target("192.168.0.1", "all", "healthy")
                .target("192.168.0.2", "all", "healthy").target("192.168.0.3", "all", "healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenInstanceTargetsHaveNoZone_takesItFromTheEc2Inventory() {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        fx.ec2Instance("i-1", i -> i.az(A)).ec2Instance("i-2", i -> i.az(A)).ec2Instance("i-3", i -> i.az(A))
                .loadBalancer("nlb", lb -> lb.type("network"))
                .targetGroup("tg", tg -> tg.loadBalancer(nlbArn).target("i-1", null, "healthy")
                        .target("i-2", null, "healthy").target("i-3", null, "healthy"));

        Finding f = finding(evaluate(rule, fx.build()), "tg");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("HealthyTargetsPerZone", Map.of(A, 3, B, 0));
    }

    @Test
    void evaluate_whenHealthyInstanceMissingFromEc2Inventory_errors() {
        assertThat(judge("true", tg -> tg.target("i-gone", null, "healthy")).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenSingleZoneLoadBalancer_isNotApplicable() {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        Finding f = finding(evaluate(rule, fx.loadBalancer("nlb", lb -> lb.type("network").azs(A))
                .targetGroup("tg", tg -> tg.loadBalancer(nlbArn).target("i-1", A, "healthy")).build()), "tg");

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenTargetGroupNotAttached_isNotApplicable() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .targetGroup("tg", tg -> tg.target("i-1", A, "healthy")).build()), "tg");

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenNoHealthyTargets_leavesItToTargetHealth() {
        assertThat(judge("true", tg -> tg.target("i-1", A, "unhealthy")).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_classicLoadBalancer_countsInServiceInstancesPerZone() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az(A)).ec2Instance("i-2", i -> i.az(B)).ec2Instance("i-3", i -> i.az(C))
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC).attribute("cross_zone.enabled", "false")
                        .instance("i-1", "InService").instance("i-2", "OutOfService")).build()), "clb");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("HealthyTargetsPerZone", Map.of(A, 1, B, 0));
    }

    @Test
    void evaluate_whenTargetHealthNotCollected_errors() {
        assertThat(judge("true", InventoryFixture.TargetGroupSpec::healthNotCollected).outcome())
                .isEqualTo(Outcome.ERROR);
        assertThat(finding(evaluate(rule, InventoryFixture.create().loadBalancer("clb",
                lb -> lb.type(LoadBalancer.CLASSIC).instanceHealthNotCollected()).build()), "clb").outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2OrElbCollectionFailed_neverPasses() {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        fx.loadBalancer("nlb", lb -> lb.type("network"))
                .targetGroup("tg", tg -> tg.loadBalancer(nlbArn).target("i-1", A, "healthy")
                        .target("i-2", B, "healthy"));
        RuleTesting.assertEngineRefusesToPass(rule, fx.failed(AwsService.EC2).build());
        List<Finding> clb = RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az(A)).ec2Instance("i-2", i -> i.az(B))
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC).instance("i-1", "InService")
                        .instance("i-2", "InService")).failed(AwsService.ELB).build());
        assertThat(clb).isNotEmpty();
    }
}
