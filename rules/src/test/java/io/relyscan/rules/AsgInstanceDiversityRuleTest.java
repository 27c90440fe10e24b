package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class AsgInstanceDiversityRuleTest {
    private final AsgInstanceDiversityRule rule = new AsgInstanceDiversityRule();

    private Finding group(UnaryOperator<InventoryFixture.AsgSpec> spec) {
        return only(evaluate(rule, InventoryFixture.create().autoScalingGroup("web", spec).build()));
    }

    @Test
    void evaluate_whenSeveralTypesAndCapacityRebalance_passes() {
        Finding f = group(g -> g);

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("OverrideInstanceTypes", List.of("m7g.large", "m6g.large"))
                .containsEntry("CapacityRebalance", true);
    }

    @Test
    void evaluate_whenInstanceRequirements_passes() {
        assertThat(group(g -> g.overrideInstanceTypes(List.of()).usesInstanceRequirements(true)).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenPlainLaunchTemplate_warnsAtRuleSeverity() {
        Finding f = group(InventoryFixture.AsgSpec::singleInstanceType);

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("one instance type");
    }

    @Test
    void evaluate_whenMixedPolicyListsOneType_warns() {
        Finding f = group(g -> g.overrideInstanceTypes(List.of("m7g.large")));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("lists one instance type (m7g.large)");
    }

    @Test
    void evaluate_whenSeveralTypesWithoutCapacityRebalance_warns() {
        Finding f = group(g -> g.capacityRebalance(false));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("CapacityRebalance is off").contains("several instance types");
    }

    @Test
    void evaluate_whenSingleTypeSpotWithoutCapacityRebalance_warnsAboutBoth() {
        Finding f = group(g -> g.overrideInstanceTypes(List.of("c7g.large")).usesSpot(true).capacityRebalance(false));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("one instance type").contains("uses Spot");
    }

    @Test
    void evaluate_whenSingleTypeOnDemandWithoutCapacityRebalance_onlyWarnsAboutTheType() {
        Finding f = group(g -> g.singleInstanceType().capacityRebalance(false));

        assertThat(f.message()).doesNotContain("CapacityRebalance");
    }

    @Test
    void evaluate_whenScaledToZero_isNotApplicable() {
        assertThat(group(g -> g.singleInstanceType().capacity(0, 0, 0)).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenOverridesNotCollected_errors() {
        assertThat(group(g -> g.overrideInstanceTypes(null)).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenCapacityRebalanceNeededButNotCollected_errors() {
        assertThat(group(g -> g.capacityRebalance(null)).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenAutoScalingCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g).failed(AwsService.AUTOSCALING).build());
    }
}
