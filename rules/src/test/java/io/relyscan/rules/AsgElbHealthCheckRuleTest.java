package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgElbHealthCheckRuleTest {
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123";
    private static final String LATTICE = "arn:aws:vpc-lattice:us-east-1:111122223333:targetgroup/tg-0123";

    private final AsgElbHealthCheckRule rule = new AsgElbHealthCheckRule();

    @Test
    void evaluate_whenTargetGroupAndElbCheck_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG).healthCheckType("ELB")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("HealthCheckType", "ELB").containsEntry("TargetGroupARNs", List.of(TG));
    }

    @Test
    void evaluate_whenClassicLoadBalancerOnlyAndEc2Check_fails() {
        // Attached through a classic load balancer alone (no target group): Prowler's check would skip it.
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.loadBalancerNames("web-clb").healthCheckType("EC2")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("HealthCheckType=EC2");
    }

    @Test
    void evaluate_whenTargetGroupOnlyAndEc2Check_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG).healthCheckType("EC2")).build())).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenElbv2TrafficSourceAndEc2Check_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.trafficSource(TG, "elbv2").healthCheckType("EC2")).build()))
                .outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenCommaSeparatedTypesIncludeElb_passes() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG).healthCheckType("EC2, elb")).build()))
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenLatticeOnlyWithoutLatticeCheck_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("mesh", g -> g.trafficSource(LATTICE, "vpc-lattice").healthCheckType("EC2,ELB"))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("VPC Lattice");
    }

    @Test
    void evaluate_whenLatticeOnlyWithLatticeCheck_passes() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("mesh", g -> g.trafficSource(LATTICE, "vpc-lattice").healthCheckType("VPC_LATTICE"))
                .build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenElbCheckWithoutAnyTrafficSource_warns() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("worker", g -> g.healthCheckType("ELB")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void evaluate_whenNotAttachedWithEc2Check_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("worker", g -> g.healthCheckType("EC2")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenHealthCheckTypeNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG).healthCheckType(null)).build())).outcome())
                .isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAutoScalingCollectionPartial_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG)).failed(AwsService.AUTOSCALING).build());
    }
}
