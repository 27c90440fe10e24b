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

class BackupResourceAssignedRuleTest {
    private final BackupResourceAssignedRule rule = new BackupResourceAssignedRule();

    @Test
    void evaluate_whenSelectedByArnPattern_passesListingSelection() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "sel-rds", s -> s.resources("arn:aws:rds:*:*:db:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("MatchingSelections", List.of("plan-1/sel-rds"))
                .containsEntry("MatchReasons", List.of("plan-1/sel-rds: Resources arn:aws:rds:*:*:db:*"))
                .doesNotContainKey("SelectionsWithPlanNotInInventory");
    }

    @Test
    void evaluate_whenSelectedByTag_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.tag("backup", "daily"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("Tags", List.of("backup=daily"));
    }

    @Test
    void evaluate_whenNoSelectionMatches_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.tag("backup", "Daily"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily"))
                .backupSelection("plan-1", "rds", s -> s.resources("arn:aws:rds:*:*:db:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence()).containsEntry("SelectionsEvaluated", 2).containsEntry("MatchingSelections", List.of());
    }

    @Test
    void evaluate_whenExcludedByNotResources_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupSelection("plan-1", "all-but-rds", s -> s.resources("*").notResources("arn:aws:rds:*"))
                .backupPlan("plan-1", p -> p).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenConditionExcludesTestStage_fails() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("stage", "prod"))
                .dbInstance("orders-test", db -> db.tag("stage", "test"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "prod", s -> s.resources("arn:aws:rds:*:*:db:*")
                        .condition("STRINGNOTEQUALS", "aws:ResourceTag/stage", "test")).build());

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "orders-test").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenMemberArnSelected_clusterStillUncoveredAndMemberNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("aurora", c -> c.member("aurora-1", true))
                .dbInstance("aurora-1", db -> db.engine("aurora-postgresql").cluster("aurora"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "dbs", s -> s.resources("arn:aws:rds:*:*:db:*")).build());

        assertThat(finding(findings, "aurora").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "aurora-1").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenDocumentDbOrNeptune_isNotApplicable() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbCluster("docs", c -> c.engine("docdb"))
                .dbInstance("graph", db -> db.engine("neptune")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.NOT_APPLICABLE);
    }

    @Test
    void evaluate_whenEc2InstanceTerminated_isSkipped() {
        assertThat(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-gone", i -> i.state("terminated")).build())).isEmpty();
    }

    @Test
    void evaluate_whenStoppedEc2Instance_isStillEvaluated() {
        assertThat(only(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.state("stopped")).build())).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenSelectionInOtherRegion_doesNotCover() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .region("eu-west-1").backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "all", s -> s.resources("*")).build());

        assertThat(finding(findings, "orders").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenPlanNotInInventory_selectionStillCountsAndSaysSo() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupSelection("plan-gone", "all", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("SelectionsWithPlanNotInInventory", List.of("plan-gone/all"));
        assertThat(f.message()).contains("not in the inventory");
    }

    @Test
    void evaluate_whenOnlyUndecidableSelection_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.tag("backup", "true"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "odd", s -> s.resources("*")
                        .condition("FOREACHEQUALS", "aws:ResourceTag/backup", "true")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.evidence()).containsKey("UndecidableSelections");
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPassesNorFails() {
        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).failed(AwsService.BACKUP).build());

        assertThat(findings).extracting(Finding::outcome).doesNotContain(Outcome.FAIL);
    }
}
