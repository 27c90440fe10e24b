package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class BackupPlanExistsRuleTest {
    private final BackupPlanExistsRule rule = new BackupPlanExistsRule();

    @Test
    void evaluate_whenPlanExists_passesWithPlanNames() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupPlan("p2", p -> p.name("weekly")).backupPlan("p1", p -> p.name("daily")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("Region");
        assertThat(f.evidence()).containsEntry("BackupPlans", List.of("daily", "weekly"));
    }

    @Test
    void evaluate_whenNoPlanButDatabases_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c).ec2Instance("i-1", i -> i).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("DbClusterCount", 1).containsEntry("Ec2InstanceCount", 1)
                .containsEntry("BackupPlans", List.of());
    }

    @Test
    void evaluate_whenNoPlanAndNothingToBackUp_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-gone", i -> i.state("terminated")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.evidence()).containsEntry("Ec2InstanceCount", 0);
    }

    @Test
    void evaluate_perScope_judgesEachRegionOnItsOwn() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).backupPlan("p1", p -> p)
                .region("eu-west-1").dbInstance("orders-eu", db -> db).build());

        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenBackupListingFailed_neverPasses() {
        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).failed(AwsService.BACKUP).build());

        // "No backup plans" and "could not list backup plans" must not look alike.
        assertThat(findings).extracting(Finding::outcome).doesNotContain(Outcome.FAIL);
    }
}
