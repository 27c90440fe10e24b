package io.relyscan.core.engine;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.CollectionStatus;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.GapReason;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.RuleParameter;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleEngineTest {
    static RuleMetadata meta(String id) {
        return new RuleMetadata(id, "R01", "Test rule", Severity.HIGH, "DbInstance", "why", "fix",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.proposed(Framework.SOC2, "A1.2"),
                        ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                List.of(RuleParameter.integer("minimum", 2, 1, "a threshold")), Set.of(AwsService.RDS));
    }

    /** Passes Multi-AZ instances, fails the others. */
    static final class MultiAzProbe implements Rule {
        @Override
        public RuleMetadata metadata() {
            return meta("test-multi-az");
        }

        @Override
        public List<Finding> evaluate(RuleContext context) {
            return context.inventory().all(DbInstance.class).stream()
                    .map(db -> Boolean.TRUE.equals(db.multiAz()) ? context.on(db).evidence("MultiAZ", true).pass("ok")
                            : context.on(db).evidence("MultiAZ", false).fail("single-AZ"))
                    .toList();
        }
    }

    static final class Exploding implements Rule {
        @Override
        public RuleMetadata metadata() {
            return meta("test-exploding");
        }

        @Override
        public List<Finding> evaluate(RuleContext context) {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void evaluate_whenComplete_keepsOutcomesWithEvidenceAndParameters() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db).dbInstance("b", db -> db.multiAz(false))
                .build();
        List<Finding> findings = RuleEngine.withDefaults(List.of(new MultiAzProbe())).evaluate(inv);
        assertThat(findings).extracting(Finding::resourceName, Finding::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Outcome.PASS),
                        org.assertj.core.groups.Tuple.tuple("b", Outcome.FAIL));
        assertThat(findings.get(0).parameters()).containsEntry("minimum", "2");
        assertThat(findings.get(1).evidence()).containsEntry("MultiAZ", false);
    }

    @Test
    void evaluate_whenInputIncomplete_neverPasses() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db).dbInstance("b", db -> db.multiAz(false))
                .coverage(AwsService.RDS, CollectionStatus.PARTIAL, GapReason.THROTTLED).build();
        List<Finding> findings = RuleEngine.withDefaults(List.of(new MultiAzProbe())).evaluate(inv);
        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
        assertThat(findings).hasSize(3); // two resources and the region itself
        Finding a = findings.stream().filter(f -> "a".equals(f.resourceName())).findFirst().orElseThrow();
        assertThat(a.evidence()).containsEntry("observedOutcome", "PASS");
        assertThat(a.message()).contains("rds PARTIAL").contains("THROTTLED");
        Finding region = findings.stream().filter(f -> f.resourceType().equals("Region")).findFirst().orElseThrow();
        assertThat(region.message()).contains("inputs not completely collected");
    }

    @Test
    void evaluate_whenNothingCollected_saysSoInsteadOfSilence() {
        Inventory inv = InventoryFixture.create().failed(AwsService.RDS).build();
        List<Finding> findings = RuleEngine.withDefaults(List.of(new MultiAzProbe())).evaluate(inv);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(f.message()).contains("ACCESS_DENIED");
        });
    }

    @Test
    void evaluate_whenOtherServiceIncomplete_isUnaffected() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db).failed(AwsService.BACKUP).build();
        assertThat(RuleEngine.withDefaults(List.of(new MultiAzProbe())).evaluate(inv))
                .extracting(Finding::outcome).containsExactly(Outcome.PASS);
    }

    @Test
    void evaluate_whenRuleThrows_givesErrorAndGoesOn() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db).build();
        List<Finding> findings = RuleEngine.withDefaults(List.of(new Exploding(), new MultiAzProbe())).evaluate(inv);
        assertThat(findings).extracting(Finding::ruleId, Finding::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("test-exploding", Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple("test-multi-az", Outcome.PASS));
        assertThat(findings.get(0).message()).contains("IllegalStateException: boom");
    }

    @Test
    void evaluate_withParameterOverride_usesIt_andRejectsBadValues() {
        Inventory inv = InventoryFixture.create().dbInstance("a", db -> db).build();
        RuleEngine engine = new RuleEngine(List.of(new MultiAzProbe()), Map.of("test-multi-az", Map.of("minimum", "3")));
        assertThat(engine.evaluate(inv).get(0).parameters()).containsEntry("minimum", "3");
        RuleEngine bad = new RuleEngine(List.of(new MultiAzProbe()), Map.of("test-multi-az", Map.of("minimum", "0")));
        assertThatThrownBy(() -> bad.evaluate(inv)).hasMessageContaining("at least 1");
    }

    @Test
    void findingId_isStableAcrossRuns() {
        assertThat(Finding.stableId("r", "arn:x")).isEqualTo(Finding.stableId("r", "arn:x"))
                .hasSize(32).isNotEqualTo(Finding.stableId("r", "arn:y"));
    }
}
