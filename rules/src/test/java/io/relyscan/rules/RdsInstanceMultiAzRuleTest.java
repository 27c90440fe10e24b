package io.relyscan.rules;

import io.relyscan.core.engine.EngineSettings;
import io.relyscan.core.engine.RuleEngine;
import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.relyscan.rules.RuleTesting.evaluate;
import static io.relyscan.rules.RuleTesting.only;
import static org.assertj.core.api.Assertions.assertThat;

class RdsInstanceMultiAzRuleTest {
    private final RdsInstanceMultiAzRule rule = new RdsInstanceMultiAzRule();

    @Test
    void evaluate_whenMultiAz_passes() {
        Finding f = only(evaluate(rule, InventoryFixture.create().dbInstance("orders", db -> db).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.PASS);
        assertThat(f.evidence()).containsEntry("MultiAZ", true).containsEntry("Engine", "postgres");
        assertThat(f.resourceArn()).isEqualTo("arn:aws:rds:us-east-1:111122223333:db:orders");
    }

    @Test
    void evaluate_whenSingleAz_failsHigh() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.multiAz(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("single-AZ").contains("MultiAZ=false");
        assertThat(f.evidence()).containsEntry("MultiAZ", false).containsEntry("AvailabilityZone", "us-east-1a");
    }

    @Test
    void evaluate_whenStoppedAndSingleAz_failsAndSaysStatus() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.multiAz(false).status("stopped")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.message()).contains("status: stopped");
        assertThat(f.evidence()).containsEntry("DBInstanceStatus", "stopped");
    }

    @Test
    void evaluate_whenReadReplicaSingleAz_failsAtInfo() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders-replica", db -> db.multiAz(false).replicaOf("orders")).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("ReadReplicaSourceDBInstanceIdentifier", "orders");
    }

    @Test
    void evaluate_whenTier1ReadReplicaSingleAz_failsAtRuleSeverity() {
        Inventory inventory = InventoryFixture.create()
                .dbInstance("orders-replica", db -> db.multiAz(false).replicaOf("orders")
                        .tag("criticality", "tier-1"))
                .build();
        Tier1Selector tier1 = new Tier1Selector("criticality", Set.of("tier-1"));

        Finding f = only(rule.evaluate(new RuleContext(rule.metadata(), inventory, Map.of(), tier1)));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("tier-1");
    }

    @Test
    void evaluate_whenTier1ReadReplicaThroughEngine_isEscalatedToCritical() {
        Inventory inventory = InventoryFixture.create()
                .dbInstance("orders-replica", db -> db.multiAz(false).replicaOf("orders")
                        .tag("criticality", "tier-1"))
                .dbInstance("reporting-replica", db -> db.multiAz(false).replicaOf("orders"))
                .build();
        EngineSettings settings = EngineSettings.defaults()
                .withTier1(new Tier1Selector("criticality", Set.of("tier-1")));

        List<Finding> findings = new RuleEngine(List.of(rule), settings).evaluate(inventory);

        Finding tier1 = RuleTesting.finding(findings, "orders-replica");
        assertThat(tier1.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(tier1.evidence()).containsEntry("tier1", true).containsEntry("severityAdjustedFrom", "HIGH");
        Finding other = RuleTesting.finding(findings, "reporting-replica");
        assertThat(other.severity()).isEqualTo(Severity.INFO);
        assertThat(other.evidence()).doesNotContainKeys("tier1", "severityAdjustedFrom");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlserver-ex", "sqlserver-web"})
    void evaluate_whenSqlServerEditionCannotBeMultiAz_failsWithEditionMessage(String engine) {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("mssql", db -> db.engine(engine).multiAz(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).contains("edition cannot be Multi-AZ");
    }

    @Test
    void evaluate_whenClusterMember_isNotApplicableNamingClusterRule() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("aurora-1", db -> db.engine("aurora-postgresql").cluster("aurora").multiAz(false))
                .build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("rds-cluster-multi-az");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aurora-mysql", "docdb", "neptune"})
    void evaluate_whenClusterEngineWithoutClusterId_isNotApplicable(String engine) {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("x", db -> db.engine(engine).multiAz(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("rds-cluster-multi-az");
    }

    @Test
    void evaluate_whenRdsCustomForOracle_isNotApplicable() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("custom", db -> db.engine("custom-oracle-ee").multiAz(false)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(f.message()).contains("RDS Custom for Oracle");
    }

    @Test
    void evaluate_whenMultiAzNotCollected_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.multiAz(null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(f.evidence()).containsEntry("MultiAZ", null);
    }

    @Test
    void evaluate_whenEngineNotCollected_errors() {
        Finding f = only(evaluate(rule, InventoryFixture.create()
                .dbInstance("orders", db -> db.engine(null)).build()));

        assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void evaluate_whenRdsCollectionFailed_neverPasses() {
        Inventory inventory = InventoryFixture.create().dbInstance("orders", db -> db)
                .failed(AwsService.RDS).build();

        List<Finding> findings = RuleTesting.assertEngineRefusesToPass(rule, inventory);

        assertThat(findings).anySatisfy(f -> assertThat(f.evidence()).containsEntry("observedOutcome", "PASS"));
    }

    @Test
    void metadata_mapsCatalogControls() {
        assertThat(rule.metadata().controls(Framework.WA_RELIABILITY)).containsExactly(
                ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                ControlRef.proposed(Framework.WA_RELIABILITY, "REL11-BP02"));
        assertThat(rule.metadata().controls(Framework.SOC2)).extracting(ControlRef::label).containsExactly("A1.2*");
        assertThat(rule.metadata().controls(Framework.NIST_800_53)).hasSize(5);
        assertThat(rule.metadata().inputs()).containsExactly(AwsService.RDS);
    }
}
