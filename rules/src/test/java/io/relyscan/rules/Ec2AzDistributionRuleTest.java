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
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2AzDistributionRuleTest {
    private final Ec2AzDistributionRule rule = new Ec2AzDistributionRule();

    @Test
    void evaluate_whenEvenlySpread_passesPerRegion() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az("us-east-1a"))
                .ec2Instance("i-2", i -> i.az("us-east-1b"))
                .ec2Instance("i-3", i -> i.az("us-east-1c")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("Region");
        assertThat(f.evidence()).containsEntry("RunningByZone",
                List.of("us-east-1a=1", "us-east-1b=1", "us-east-1c=1"));
    }

    @Test
    void evaluate_whenAllRunningInstancesInOneZone_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az("us-east-1a"))
                .ec2Instance("i-2", i -> i.az("us-east-1a"))
                // Stopped instances do not count: they serve nothing wherever they are.
                .ec2Instance("i-3", i -> i.az("us-east-1b").state("stopped")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("all 2 running instance(s) are in us-east-1a");
    }

    @Test
    void evaluate_whenSpreadIsUneven_warns() {
        // 3 vs 1: (3 - 1) / 3 = 67% > 20%.
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az("us-east-1a"))
                .ec2Instance("i-2", i -> i.az("us-east-1a"))
                .ec2Instance("i-3", i -> i.az("us-east-1a"))
                .ec2Instance("i-4", i -> i.az("us-east-1b")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.evidence()).containsEntry("ImbalancePercent", 67);
    }

    @Test
    void evaluate_whenImbalanceExactlyAtThreshold_passes() {
        // 5 vs 4: (5 - 4) / 5 = 20%, not above 20%.
        InventoryFixture fx = InventoryFixture.create();
        for (int n = 0; n < 5; n++) {
            fx.ec2Instance("a-" + n, i -> i.az("us-east-1a"));
        }
        for (int n = 0; n < 4; n++) {
            fx.ec2Instance("b-" + n, i -> i.az("us-east-1b"));
        }

        assertThat(only(evaluate(rule, fx.build())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenLocalZoneUsed_countsItAsItsOwnZone() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create().region("us-west-2")
                .ec2Instance("i-1", i -> i.az("us-west-2a"))
                .ec2Instance("i-2", i -> i.az("us-west-2-lax-1a")).build());

        assertThat(finding(findings, "us-west-2").outcome()).isEqualTo(Outcome.PASS);
        // The fixture's first region has no instances.
        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_withWorkloadTag_oneFindingPerWorkloadAndUntaggedLeftOut() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("orders-1", i -> i.az("us-east-1a").tag("app", "orders"))
                .ec2Instance("orders-2", i -> i.az("us-east-1b").tag("app", "orders"))
                .ec2Instance("billing-1", i -> i.az("us-east-1a").tag("app", "billing"))
                .ec2Instance("billing-2", i -> i.az("us-east-1a").tag("app", "billing"))
                .ec2Instance("bastion", i -> i.az("us-east-1c")).build(), Map.of("workloadTagKey", "app"));

        assertThat(findings).hasSize(2);
        Finding orders = finding(findings, "app=orders");
        assertThat(orders.outcome()).isEqualTo(Outcome.PASS);
        assertThat(orders.resourceType()).isEqualTo("Workload");
        assertThat(orders.resourceArn()).endsWith(":region/us-east-1/Workload/app=orders");
        Finding billing = finding(findings, "app=billing");
        assertThat(billing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(billing.id()).isNotEqualTo(orders.id());
    }

    @Test
    void evaluate_whenNoRunningInstances_isNotApplicablePerRegion() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.state("stopped"))
                .region("eu-west-1").build());

        assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
    }

    @Test
    void evaluate_whenZoneNotCollected_errors() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az("us-east-1a"))
                .ec2Instance("i-2", i -> i.az(null)).build())).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenEc2CollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.az("us-east-1a"))
                .ec2Instance("i-2", i -> i.az("us-east-1b")).failed(AwsService.EC2).build());
    }
}
