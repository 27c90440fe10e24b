package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
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

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2DetailedMonitoringRuleTest {
    private final Ec2DetailedMonitoringRule rule = new Ec2DetailedMonitoringRule();

    private List<Finding> withTier1(Inventory inventory) {
        return rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(),
                Tier1Selector.anyValueOf("criticality")));
    }

    @Test
    void evaluate_whenStandaloneWithDetailedMonitoring_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().ec2Instance("i-1", i -> i).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("MonitoringState", "enabled").containsEntry("Tier1", false);
    }

    @Test
    void evaluate_whenStandaloneWithBasicMonitoring_failsAtRuleSeverity() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.monitoring("disabled")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.message()).contains("standalone");
    }

    @Test
    void evaluate_whenMonitoringPending_fails() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.monitoring("pending")).build())).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenLaunchedByAutoScalingGroup_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.monitoring("disabled").inAutoScalingGroup("web")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("web");
    }

    @Test
    void evaluate_whenAttachedToGroupWithoutTag_isNotApplicableThroughMembership() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .autoScalingGroup("web", g -> g.capacity(2, 1, 4).instance("i-attached", "us-east-1a", "InService",
                        "Healthy"))
                .ec2Instance("i-attached", i -> i.monitoring("disabled")).build());

        assertThat(finding(findings, "i-attached").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenTier1InstanceInGroupHasBasicMonitoring_fails() {
        List<Finding> findings = withTier1(InventoryFixture.create()
                .ec2Instance("i-crit", i -> i.monitoring("disabled").inAutoScalingGroup("web")
                        .tag("criticality", "tier-1"))
                .ec2Instance("i-plain", i -> i.monitoring("disabled").inAutoScalingGroup("web")).build());

        Finding critical = finding(findings, "i-crit");
        assertThat(critical.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(critical.message()).contains("tier-1");
        assertThat(finding(findings, "i-plain").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenMonitoringStateNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.monitoring(null)).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i).failed(AwsService.EC2).build());
    }
}
