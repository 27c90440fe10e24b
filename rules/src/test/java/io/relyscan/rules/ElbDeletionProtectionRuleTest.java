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
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class ElbDeletionProtectionRuleTest {
    private final ElbDeletionProtectionRule rule = new ElbDeletionProtectionRule();

    @Test
    void evaluate_whenProtected_passesForEveryV2Type() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb)
                .loadBalancer("nlb", lb -> lb.type("network"))
                .loadBalancer("gwlb", lb -> lb.type("gateway")).build());

        assertThat(findings).hasSize(3).extracting(Finding::outcome).containsOnly(Outcome.PASS);
    }

    @Test
    void evaluate_whenNotProtected_failsMedium() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("nlb", lb -> lb.type("network").attribute("deletion_protection.enabled", "false"))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).containsEntry("deletion_protection.enabled", "false");
    }

    @Test
    void evaluate_whenClassic_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenAttributesNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb.attributesNotCollected()).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAttributeMissing_errors() {
        InventoryFixture fx = InventoryFixture.create();
        fx.add(new LoadBalancer(fx.arn("elasticloadbalancing", "loadbalancer/app/x/1"), InventoryFixture.ACCOUNT,
                InventoryFixture.REGION, "x", "application", "internal", "active", List.of("us-east-1a"), List.of(),
                Map.of("idle_timeout.timeout_seconds", "60"), null, Map.of()));

        assertThat(only(evaluate(rule, fx.build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenElbv2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("alb", lb -> lb).failed(AwsService.ELBV2).build());
    }
}
