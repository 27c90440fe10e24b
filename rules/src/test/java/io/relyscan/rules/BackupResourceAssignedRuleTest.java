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
    void evaluate_whenAssignedButItsTypeIsOptedOutInTheRegion_failsNamingTheType() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupRegionSettings(Map.of("RDS", false, "EC2", true), Map.of())
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "sel-rds", s -> s.resources("arn:aws:rds:*:*:db:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("resource type RDS is opted out");
        assertThat(f.evidence()).containsEntry("ResourceTypeOptInPreference", Map.of("RDS", false))
                .containsEntry("MatchingSelections", List.of("plan-1/sel-rds"));
    }

    @Test
    void evaluate_whenAnotherTypeIsOptedOut_stillPasses() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db)
                .backupRegionSettings(Map.of("RDS", true, "Aurora", false), Map.of())
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "sel-rds", s -> s.resources("arn:aws:rds:*:*:db:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenVolumeIsCoveredOnlyThroughAnInstanceOfAnOptedOutType_fails() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.tag("backup", "daily"))
                .ebsVolume("vol-1", v -> v.attachedTo("i-1"))
                .backupRegionSettings(Map.of("EC2", false, "EBS", true), Map.of())
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily")).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.FAIL);
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
    void evaluate_whenEbsVolumeSelectedByItsOwnArnOrTag_passes() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ebsVolume("vol-arn", v -> v.unattached())
                .ebsVolume("vol-tag", v -> v.unattached().tag("backup", "daily"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "ebs", s -> s.resources("arn:aws:ec2:*:*:volume/vol-arn"))
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily")).build());

        assertThat(finding(findings, "vol-arn").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "vol-arn").evidence()).containsEntry("MatchingSelections",
                List.of("plan-1/ebs"));
        assertThat(finding(findings, "vol-tag").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenEbsVolumeOnAssignedInstance_isCoveredThroughIt() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.tag("backup", "daily"))
                .ebsVolume("vol-1", v -> v.attachedTo("i-1"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily")).build());

        Finding volume = finding(findings, "vol-1");
        assertThat(volume.outcome()).isEqualTo(Outcome.PASS);
        assertThat(volume.evidence()).containsEntry("CoveredThroughInstance", "i-1")
                .containsEntry("InstanceMatchingSelections", List.of("plan-1/by-tag"))
                .containsEntry("MatchingSelections", List.of());
        assertThat(volume.message()).contains("i-1");
    }

    @Test
    void evaluate_whenEbsVolumeUnassignedOnUnassignedInstanceOrUnattached_failsHigh() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i)
                .ebsVolume("vol-1", v -> v.attachedTo("i-1"))
                .ebsVolume("vol-loose", v -> v.unattached())
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "by-tag", s -> s.tagEquals("backup", "daily")).build());

        assertThat(finding(findings, "vol-1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "vol-1").severity()).isEqualTo(Severity.HIGH);
        assertThat(finding(findings, "vol-1").evidence()).containsEntry("AttachedInstances", List.of("i-1"));
        assertThat(finding(findings, "vol-loose").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenEbsVolumeExcludedButItsInstanceIsAssigned_isStillCovered() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i)
                .ebsVolume("vol-1", v -> v.attachedTo("i-1"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "all-ec2", s -> s.resources("arn:aws:ec2:*:*:instance/*"))
                .backupSelection("plan-1", "ebs-but-one", s -> s.resources("arn:aws:ec2:*:*:volume/*")
                        .notResources("arn:aws:ec2:*:*:volume/vol-1")).build()), "vol-1");

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("CoveredThroughInstance", "i-1");
    }

    @Test
    void evaluate_whenEbsVolumeBeingDeleted_isSkipped() {
        assertThat(evaluate(rule, InventoryFixture.create().ebsVolume("vol-1", v -> v.state("deleting")).build()))
                .isEmpty();
    }

    @Test
    void evaluate_whenInstanceOfVolumeHasUndecidableSelection_errors() {
        Finding f = finding(evaluate(rule, InventoryFixture.create()
                .ec2Instance("i-1", i -> i.tag("backup", "true"))
                .ebsVolume("vol-1", v -> v.attachedTo("i-1"))
                .backupPlan("plan-1", p -> p)
                .backupSelection("plan-1", "odd", s -> s.resources("arn:aws:ec2:*:*:instance/*")
                        .condition("FOREACHEQUALS", "aws:ResourceTag/backup", "true")).build()), "vol-1");

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat((List<?>) f.evidence().get("UndecidableSelections")).singleElement().asString()
                .startsWith("i-1 via plan-1/odd");
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPassesNorFails() {
        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).failed(AwsService.BACKUP).build());

        assertThat(findings).extracting(Finding::outcome).doesNotContain(Outcome.FAIL);
    }
}
