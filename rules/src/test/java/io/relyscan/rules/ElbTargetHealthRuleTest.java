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

class ElbTargetHealthRuleTest {
    private final ElbTargetHealthRule rule = new ElbTargetHealthRule();

    private Finding attached(UnaryOperator<InventoryFixture.TargetGroupSpec> spec) {
        InventoryFixture fx = InventoryFixture.create();
        String albArn = fx.arn("elasticloadbalancing", "loadbalancer/app/alb/0123456789abcdef");
        return finding(evaluate(rule, fx.loadBalancer("alb", lb -> lb)
                .targetGroup("tg", tg -> spec.apply(tg.loadBalancer(albArn))).build()), "tg");
    }

    @Test
    void evaluate_whenAllTargetsHealthy_passes() {
        Finding f = attached(tg -> tg.target("i-1", "us-east-1a", "healthy").target("i-2", "us-east-1b", "healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("TargetStates", Map.of("healthy", 2));
    }

    @Test
    void evaluate_whenNoTargetHealthy_failsHigh() {
        Finding f = attached(tg -> tg.target("i-1", "us-east-1a", "unhealthy").target("i-2", "us-east-1b", "draining"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("NotHealthyTargets", List.of("i-1 (unhealthy)", "i-2 (draining)"));
    }

    @Test
    void evaluate_whenSomeTargetsUnhealthy_warns() {
        Finding f = attached(tg -> tg.target("i-1", "us-east-1a", "healthy").target("i-2", "us-east-1b", "unhealthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenNoTargetsRegistered_warns() {
        Finding f = attached(tg -> tg);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("no targets");
    }

    @Test
    void evaluate_whenHealthChecksDisabled_warns() {
        Finding f = attached(tg -> tg.targetType("lambda").healthCheckEnabled(false)
                .target("arn:aws:lambda:us-east-1:111122223333:function:f", null, "unavailable"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("health checks are disabled");
    }

    @Test
    void evaluate_whenTargetGroupNotAttached_isNotApplicable() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .targetGroup("tg", tg -> tg.target("i-1", "us-east-1a", "unused")).build()), "tg");

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_classicLoadBalancer_judgesInServiceInstances() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .loadBalancer("up", lb -> lb.type(LoadBalancer.CLASSIC).instance("i-1", "InService"))
                .loadBalancer("down", lb -> lb.type(LoadBalancer.CLASSIC).instance("i-2", "OutOfService"))
                .loadBalancer("half", lb -> lb.type(LoadBalancer.CLASSIC).instance("i-3", "InService")
                        .instance("i-4", "Unknown")).build());

        assertThat(finding(findings, "up").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "down").severity()).isEqualTo(Severity.HIGH);
        assertThat(finding(findings, "down").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "half").severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_applicationLoadBalancerItself_isNotJudged() {
        assertThat(evaluate(rule, InventoryFixture.create().loadBalancer("alb", lb -> lb).build())).isEmpty();
    }

    @Test
    void evaluate_whenHealthNotCollected_errors() {
        assertThat(attached(InventoryFixture.TargetGroupSpec::healthNotCollected).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(attached(tg -> tg.healthCheckEnabled(null)).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding(evaluate(rule, InventoryFixture.create().loadBalancer("clb",
                lb -> lb.type(LoadBalancer.CLASSIC).instanceHealthNotCollected()).build()), "clb").outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenCollectionFailed_neverPasses() {
        InventoryFixture fx = InventoryFixture.create();
        String albArn = fx.arn("elasticloadbalancing", "loadbalancer/app/alb/0123456789abcdef");
        RuleTesting.assertEngineRefusesToPass(rule, fx.loadBalancer("alb", lb -> lb)
                .targetGroup("tg", tg -> tg.loadBalancer(albArn).target("i-1", "us-east-1a", "healthy"))
                .failed(AwsService.ELBV2).build());
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .loadBalancer("clb", lb -> lb.type(LoadBalancer.CLASSIC).instance("i-1", "InService"))
                .failed(AwsService.ELB).build());
    }
}
