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

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class ElbCrossZoneRuleTest {
    private final ElbCrossZoneRule rule = new ElbCrossZoneRule();

    @Test
    void evaluate_whenEveryKindHasCrossZone_passes() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb)
                .loadBalancer("nlb", lb -> lb.type("network"))
                .loadBalancer("gwlb", lb -> lb.type("gateway"))
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC)).build());

        assertThat(findings).hasSize(4).extracting(Finding::outcome).containsOnly(Outcome.PASS);
    }

    @Test
    void evaluate_whenClassicCrossZoneOff_failsMedium() {
        Finding f = only(evaluate(rule, InventoryFixture.create().loadBalancer("clb",
                lb -> lb.type(LoadBalancer.CLASSIC).attribute("cross_zone.enabled", "false")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("cross_zone.enabled", "false");
    }

    @Test
    void evaluate_whenNetworkAttributeAbsent_takesTheFalseDefaultAndFails() {
        InventoryFixture fx = InventoryFixture.create();
        fx.add(new LoadBalancer(fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/1"), InventoryFixture.ACCOUNT,
                InventoryFixture.REGION, "nlb", "network", "internal", "active", List.of("us-east-1a", "us-east-1b"),
                List.of(), Map.of("deletion_protection.enabled", "true"), null, Map.of()));

        assertThat(only(evaluate(rule, fx.build())).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenApplicationLoadBalancerAttributeSaysFalse_stillPasses() {
        // AWS keeps cross-zone on for ALBs whatever the attribute says (moto reports false).
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb.attribute("load_balancing.cross_zone.enabled", "false")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenApplicationTargetGroupOverridesToFalse_fails() {
        InventoryFixture fx = InventoryFixture.create();
        String albArn = fx.arn("elasticloadbalancing", "loadbalancer/app/alb/0123456789abcdef");
        Finding f = finding(evaluate(rule, fx.loadBalancer("alb", lb -> lb)
                .targetGroup("web", tg -> tg.loadBalancer(albArn).attribute("load_balancing.cross_zone.enabled",
                        "false"))
                .targetGroup("api", tg -> tg.loadBalancer(albArn)).build()), "alb");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("TargetGroupsWithCrossZoneOff", List.of("web"));
        assertThat(f.message()).contains("web");
    }

    @Test
    void evaluate_whenNetworkOffButEveryTargetGroupOverridesToTrue_passes() {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        Finding f = finding(evaluate(rule, fx.loadBalancer("nlb", lb -> lb.type("network")
                        .attribute("load_balancing.cross_zone.enabled", "false"))
                .targetGroup("tcp", tg -> tg.loadBalancer(nlbArn).attribute("load_balancing.cross_zone.enabled",
                        "true")).build()), "nlb");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNetworkOffAndTargetGroupUsesLoadBalancerSetting_fails() {
        InventoryFixture fx = InventoryFixture.create();
        String nlbArn = fx.arn("elasticloadbalancing", "loadbalancer/net/nlb/0123456789abcdef");
        Finding f = finding(evaluate(rule, fx.loadBalancer("nlb", lb -> lb.type("network")
                        .attribute("load_balancing.cross_zone.enabled", "false"))
                .targetGroup("tcp", tg -> tg.loadBalancer(nlbArn).attribute("load_balancing.cross_zone.enabled",
                        "use_load_balancer_configuration")).build()), "nlb");

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence()).containsEntry("TargetGroupsWithCrossZoneOff", List.of("tcp"));
    }

    @Test
    void evaluate_whenZonalNetworkLoadBalancerCarriesExemptionTag_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create().loadBalancer("nlb", lb -> lb.type("network")
                .attribute("load_balancing.cross_zone.enabled", "false").tag("relyscan:zonal-ok", "latency"))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.evidence()).containsEntry("ExemptionTag", "relyscan:zonal-ok=latency");
    }

    @Test
    void evaluate_whenExemptionTagKeyOverriddenToBlank_judgesTaggedLoadBalancer() {
        Finding f = only(evaluate(rule, InventoryFixture.create().loadBalancer("nlb", lb -> lb.type("network")
                .attribute("load_balancing.cross_zone.enabled", "false").tag("relyscan:zonal-ok", "x")).build(),
                Map.of("exemptionTagKey", "")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenLoadBalancerAttributesNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create().loadBalancer("nlb",
                lb -> lb.type("network").attributesNotCollected()).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenTargetGroupAttributesNotCollected_errors() {
        InventoryFixture fx = InventoryFixture.create();
        String albArn = fx.arn("elasticloadbalancing", "loadbalancer/app/alb/0123456789abcdef");
        Finding f = finding(evaluate(rule, fx.loadBalancer("alb", lb -> lb)
                .targetGroup("web", tg -> tg.loadBalancer(albArn).attributesNotCollected()).build()), "alb");

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb).failed(AwsService.ELBV2).build());
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC)).failed(AwsService.ELB).build());
    }
}
