package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgStaticStabilityRuleTest {
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123";

    private final AsgStaticStabilityRule rule = new AsgStaticStabilityRule();

    private Finding web(java.util.function.UnaryOperator<InventoryFixture.AsgSpec> spec) {
        return only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> spec.apply(g.targetGroupArns(TG))).build()));
    }

    @Test
    void evaluate_whenMinCoversZonesAndEveryZoneServes_passes() {
        Finding f = web(g -> g);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("MinSize", 2)
                .containsEntry("InServiceByZone", List.of("us-east-1a=1", "us-east-1b=1"));
    }

    @Test
    void evaluate_whenMinSizeBelowTwo_fails() {
        Finding f = web(g -> g.capacity(1, 2, 4));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("MinSize=1");
    }

    @Test
    void evaluate_whenMinSizeBelowZoneCount_warns() {
        Finding f = web(g -> g.azs("us-east-1a", "us-east-1b", "us-east-1c").capacity(2, 3, 6));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("below the 3 zones");
    }

    @Test
    void evaluate_whenAZoneHasNoInServiceInstance_warns() {
        // Desired covers both zones on paper, but the instance in 1b is Standby and the other two sit in 1a.
        Finding f = web(g -> g.capacity(2, 3, 4)
                .instance("i-1", "us-east-1a", "InService", "Healthy")
                .instance("i-2", "us-east-1a", "InService", "Healthy")
                .instance("i-3", "us-east-1b", "Standby", "Healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("no InService instance in us-east-1b");
    }

    @Test
    void evaluate_whenLocalZoneHasNoInstance_countsItAsItsOwnZone() {
        Finding f = web(g -> g.azs("us-west-2a", "us-west-2b", "us-west-2-lax-1a").capacity(3, 3, 6)
                .instance("i-1", "us-west-2a", "InService", "Healthy")
                .instance("i-2", "us-west-2b", "InService", "Healthy")
                .instance("i-3", "us-west-2b", "InService", "Healthy"));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("us-west-2-lax-1a");
    }

    @Test
    void evaluate_whenDesiredAndMaxZero_isInfo() {
        Finding f = web(g -> g.capacity(0, 0, 0));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("scaled to zero");
    }

    @Test
    void evaluate_whenNotServingTraffic_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("batch", g -> g.capacity(0, 1, 4)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenTrafficServingOnlyOff_evaluatesWorkerGroups() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("batch", g -> g.capacity(0, 1, 4)).build(),
                Map.of(AsgStaticStabilityRule.TRAFFIC_SERVING_ONLY, "false")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void evaluate_whenInstancesNotCollected_errors() {
        assertThat(web(InventoryFixture.AsgSpec::instancesNotCollected).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenMinSizeNotCollected_errors() {
        assertThat(web(g -> g.capacity(null, 2, 4)).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAutoScalingCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.targetGroupArns(TG)).failed(AwsService.AUTOSCALING).build());
    }
}
