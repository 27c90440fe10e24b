package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class ElbGracefulDeregistrationRuleTest {
    private final ElbGracefulDeregistrationRule rule = new ElbGracefulDeregistrationRule();

    @Test
    void evaluate_whenDrainingOnAndDelaySet_passes() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC))
                .targetGroup("tg", tg -> tg).build());

        assertThat(findings).hasSize(2).extracting(Finding::outcome).containsOnly(Outcome.PASS);
        assertThat(finding(findings, "tg").evidence()).containsEntry("deregistration_delay.timeout_seconds", "300");
    }

    @Test
    void evaluate_whenClassicDrainingOff_warnsLow() {
        Finding f = only(evaluate(rule, InventoryFixture.create().loadBalancer("clb",
                lb -> lb.type(LoadBalancer.CLASSIC).attribute("connection_draining.enabled", "false")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_whenDeregistrationDelayZero_warnsLow() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .targetGroup("tg", tg -> tg.attribute("deregistration_delay.timeout_seconds", "0")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_v2LoadBalancersAndLambdaTargetGroups_areNotJudgedOrNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb)
                .targetGroup("fn", tg -> tg.targetType("lambda")).build());

        assertThat(only(findings).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenAttributesNotCollected_errors() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC).attributesNotCollected())
                .targetGroup("tg", InventoryFixture.TargetGroupSpec::attributesNotCollected).build());

        assertThat(findings).hasSize(2).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }

    @Test
    void evaluate_whenCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .targetGroup("tg", tg -> tg).failed(AwsService.ELBV2).build());
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC)).failed(AwsService.ELB).build());
    }
}
