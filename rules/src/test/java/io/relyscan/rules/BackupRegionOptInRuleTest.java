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

class BackupRegionOptInRuleTest {
    private final BackupRegionOptInRule rule = new BackupRegionOptInRule();

    private static final Map<String, Boolean> MANAGED = Map.of("DynamoDB", true, "EFS", true);

    private static Map<String, Boolean> optIn(String... optedOut) {
        Map<String, Boolean> m = new java.util.TreeMap<>(Map.of("Aurora", true, "DynamoDB", true, "EBS", true,
                "EC2", true, "EFS", true, "RDS", true, "Timestream", true));
        for (String t : optedOut) {
            m.put(t, false);
        }
        return m;
    }

    @Test
    void evaluate_whenEverythingOptedInAndManaged_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn(), MANAGED)
                .backupSelection("p1", "s1", s -> s.resources("*")).dbInstance("orders", db -> db).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.resourceType()).isEqualTo("Region");
        assertThat(f.evidence()).containsEntry("OptedOutResourceTypes", List.of());
    }

    @Test
    void evaluate_whenSelectionNamesAnOptedOutType_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("RDS"), MANAGED)
                .backupSelection("p1", "s1", s -> s.resources("arn:aws:rds:*:*:db:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("RDS");
        assertThat(f.evidence()).containsEntry("SelectedOptedOutResourceTypes",
                List.of("RDS: named by the Resources of selection p1/s1"));
    }

    @Test
    void evaluate_whenExplicitArnOfOptedOutTypeIsSelected_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("DynamoDB"), MANAGED)
                .backupSelection("p1", "s1", s -> s.resources(
                        "arn:aws:dynamodb:us-east-1:111122223333:table/orders")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("DynamoDB");
    }

    @Test
    void evaluate_whenOptedOutTypeIsNotSelected_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("RDS"), MANAGED)
                .dbInstance("orders", db -> db)
                .backupSelection("p1", "s1", s -> s.resources("arn:aws:ec2:*:*:instance/*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.message()).contains("no backup selection picks an opted-out resource type (RDS)");
    }

    @Test
    void evaluate_whenServiceWildcardCoversOptedOutType_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("EBS"), MANAGED)
                .backupSelection("p1", "s1", s -> s.resources("arn:aws:ec2:*:*:*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("EBS");
    }

    @Test
    void evaluate_whenStarSelectsExistingResourceOfOptedOutType_fails() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("RDS"), MANAGED)
                .dbInstance("orders", db -> db).backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.evidence().get("SelectedOptedOutResourceTypes").toString())
                .contains("orders matched by selection p1/s1");
    }

    @Test
    void evaluate_whenStarSelectsButNoResourceOfTheOptedOutTypeExists_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("Timestream", "RDS"),
                MANAGED).ec2Instance("i-1", i -> i).backupSelection("p1", "s1", s -> s.resources("*")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenTagSelectionMatchesResourceOfOptedOutType_fails_butNotWhenTagsDiffer() {
        InventoryFixture base = InventoryFixture.create().backupRegionSettings(optIn("Aurora"), MANAGED)
                .backupSelection("p1", "s1", s -> s.tagEquals("backup", "daily"));
        Finding tagged = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("Aurora"), MANAGED)
                .backupSelection("p1", "s1", s -> s.tagEquals("backup", "daily"))
                .dbCluster("orders", c -> c.tag("backup", "daily")).build()));
        Finding untagged = only(evaluate(rule, base.dbCluster("orders", c -> c).build()));

        assertThat(tagged.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(tagged.message()).contains("Aurora");
        assertThat(untagged.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenNotResourcesExcludesTheOnlyResource_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().backupRegionSettings(optIn("EC2"), MANAGED)
                .ec2Instance("i-1", i -> i).backupSelection("p1", "s1", s -> s.resources("*")
                        .notResources("arn:aws:ec2:us-east-1:111122223333:instance/i-1")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenDynamoDbOrEfsNotFullyManaged_warnsOneLevelLower() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .backupRegionSettings(optIn(), Map.of("DynamoDB", false, "EFS", true)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("DynamoDB").doesNotContain("EFS");
        assertThat(f.evidence()).containsEntry("ResourceTypeManagementPreference",
                List.of("DynamoDB=false", "EFS=true"));
    }

    @Test
    void evaluate_judgesEachRegionOnItsOwnSettings() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .backupRegionSettings(optIn(), MANAGED)
                .backupSelection("p1", "s1", s -> s.resources("arn:aws:rds:*:*:db:*"))
                .region("eu-west-1").backupRegionSettings(optIn("RDS"), MANAGED)
                .backupSelection("p2", "s2", s -> s.resources("arn:aws:rds:*:*:db:*"))
                .region("ap-southeast-2").backupRegionSettings(optIn("RDS"), MANAGED).build());

        assertThat(findings).hasSize(3);
        assertThat(finding(findings, "us-east-1").outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding(findings, "eu-west-1").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding(findings, "ap-southeast-2").outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evaluate_whenSettingsMissing_isError() {
        Finding f = only(evaluate(rule, InventoryFixture.create().build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenBackupCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create().backupRegionSettings(optIn(), MANAGED)
                .failed(AwsService.BACKUP).build());
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .backupRegionSettings(optIn("RDS"), MANAGED).backupSelection("p1", "s1", s -> s.resources("*"))
                .failed(AwsService.RDS).build());
    }
}
