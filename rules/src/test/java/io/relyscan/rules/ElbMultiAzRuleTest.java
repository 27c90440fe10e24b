package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.LoadBalancer;
import io.relyscan.core.engine.RuleEngine;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElbMultiAzRuleTest {
    private final ElbMultiAzRule rule = new ElbMultiAzRule();

    @Test
    void evaluate_whenTwoZones_passesForV2AndClassic() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb)
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.PASS);
        assertThat(finding(findings, "clb").evidence()).containsEntry("Type", "classic")
                .containsEntry("DistinctAvailabilityZones", List.of("us-east-1a", "us-east-1b"));
    }

    @Test
    void evaluate_whenSingleZoneNetworkLoadBalancer_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("nlb", lb -> lb.type("network").azs("us-east-1a")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("DistinctAvailabilityZones", List.of("us-east-1a"));
    }

    @Test
    void evaluate_whenSingleZoneClassic_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC).azs("us-east-1a", "us-east-1a")).build()))
                .outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenMinimumIsThree_failsTwoZoneLoadBalancer() {
        Finding f = only(evaluate(rule, InventoryFixture.create().loadBalancer("alb", lb -> lb).build(),
                Map.of("minAvailabilityZones", "3")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.parameters()).containsEntry("minAvailabilityZones", "3");
    }

    @Test
    void evaluate_whenMinimumAboveTen_isRejected() {
        assertThatThrownBy(() -> evaluate(rule, InventoryFixture.create().loadBalancer("alb", lb -> lb).build(),
                Map.of("minAvailabilityZones", "11")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
    }

    @Test
    void evaluate_whenMinimumBelowTwo_isRejectedByParameterValidation() {
        assertThatThrownBy(() -> evaluate(rule, InventoryFixture.create().build(), Map.of("minAvailabilityZones", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }

    @Test
    void evaluate_whenLoadBalancerFailedToProvision_isNotApplicable() {
        LoadBalancer failed = new LoadBalancer("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/x/1",
                InventoryFixture.ACCOUNT, InventoryFixture.REGION, "x", "network", "internal", "failed",
                List.of("us-east-1a"), List.of(), Map.of(), null, Map.of());

        Finding f = only(evaluate(rule, InventoryFixture.create().add(failed).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenZonesNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create().loadBalancer("alb", lb -> lb.azs()).build()))
                .outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenElbv2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb).failed(AwsService.ELBV2).build());
    }

    @Test
    void engine_whenMaximumExceeded_rejectsTheParameter() {
        RuleEngine engine = new RuleEngine(List.of(rule), Map.of("elb-multi-az", Map.of("minAvailabilityZones", "12")));

        assertThatThrownBy(() -> engine.evaluate(InventoryFixture.create().loadBalancer("alb", lb -> lb).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
    }
}
