package io.relyscan.rules;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.finding;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsDeletionProtectionRuleTest {
    private final RdsDeletionProtectionRule rule = new RdsDeletionProtectionRule();

    @Test
    void evaluate_whenProtected_passes() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).dbCluster("aurora", c -> c).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.PASS);
        assertThat(finding(findings, "aurora").evidence()).containsEntry("DeletionProtection", true);
    }

    @Test
    void evaluate_whenUnprotected_failsMedium() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.deletionProtection(false))
                .dbCluster("aurora", c -> c.deletionProtection(false)).build());

        assertThat(findings).allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.evidence()).containsEntry("DeletionProtection", false);
        });
    }

    @Test
    void evaluate_whenClusterMember_isNotApplicableEvenIfUnprotected() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-mysql").cluster("aurora").deletionProtection(false))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("aurora");
    }

    @Test
    void evaluate_whenDocumentDbCluster_isStillEvaluated() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbCluster("docs", c -> c.engine("docdb").deletionProtection(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void evaluate_whenFlagNotCollected_errors() {
        List<Finding> findings = evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.deletionProtection(null))
                .dbCluster("aurora", c -> c.deletionProtection(null)).build());

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        RuleTesting.assertEngineRefusesToPass(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db).failed(AwsService.RDS).build());
    }

    @Test
    void metadata_keepsAnchoredAndProposedMappingsApart() {
        assertThat(rule.metadata().controls(Framework.WA_RELIABILITY)).containsExactly(
                ControlRef.anchored(Framework.WA_RELIABILITY, "REL-10"),
                ControlRef.proposed(Framework.WA_RELIABILITY, "REL10-BP01"));
        assertThat(rule.metadata().controls(Framework.SOC2)).containsExactly(
                ControlRef.proposed(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.SOC2, "C1.1"));
    }
}
