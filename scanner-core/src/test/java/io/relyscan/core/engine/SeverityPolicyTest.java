package io.relyscan.core.engine;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.inventory.DbInstance;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleContext;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.rule.Tier1Selector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityPolicyTest {
    private static final Tier1Selector TIER1 = new Tier1Selector("criticality", Set.of("tier-1", "critical"));

    /**
     * Default HIGH. Multi-AZ passes; a single-AZ instance tagged soft=yes fails one level lower (the
     * catalog's WARN); other single-AZ instances fail at the default; evidence says whether the context saw
     * the instance as tier-1.
     */
    static final class SoftProbe implements Rule {
        @Override
        public RuleMetadata metadata() {
            return new RuleMetadata("test-soft", "R01", "Test rule", Severity.HIGH, "DbInstance", "why", "fix",
                    List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                            ControlRef.proposed(Framework.SOC2, "A1.2"),
                            ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                            ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                    List.of(), Set.of(AwsService.RDS));
        }

        @Override
        public List<Finding> evaluate(RuleContext context) {
            return context.inventory().all(DbInstance.class).stream().map(db -> {
                var f = context.on(db).evidence("contextTier1", context.isTier1(db));
                if (Boolean.TRUE.equals(db.multiAz())) {
                    return f.pass("ok");
                }
                return db.tags().containsKey("soft") ? f.fail(Severity.HIGH.lower(), "soft") : f.fail("hard");
            }).toList();
        }
    }

    private static Inventory inventory() {
        return InventoryFixture.create()
                .dbInstance("hard", db -> db.multiAz(false))
                .dbInstance("soft", db -> db.multiAz(false).tag("soft", "yes"))
                .dbInstance("ok", db -> db)
                .dbInstance("hard-t1", db -> db.multiAz(false).tag("criticality", "Tier-1"))
                .dbInstance("soft-t1", db -> db.multiAz(false).tag("soft", "yes").tag("criticality", "critical"))
                .dbInstance("ok-t1", db -> db.tag("criticality", "tier-1"))
                .dbInstance("other-tier", db -> db.multiAz(false).tag("criticality", "tier-2"))
                .build();
    }

    private static Finding named(List<Finding> findings, String name) {
        return findings.stream().filter(f -> name.equals(f.resourceName())).findFirst().orElseThrow();
    }

    private static List<Finding> evaluate(EngineSettings settings) {
        return new RuleEngine(List.of(new SoftProbe()), settings).evaluate(inventory());
    }

    @Test
    void defaults_leaveFindingsAsTheRuleMadeThem() {
        List<Finding> findings = evaluate(EngineSettings.defaults());

        assertThat(named(findings, "hard").severity()).isEqualTo(Severity.HIGH);
        assertThat(named(findings, "soft").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(named(findings, "hard-t1").severity()).isEqualTo(Severity.HIGH);
        assertThat(findings).allSatisfy(f -> assertThat(f.evidence())
                .doesNotContainKeys("tier1", "severityAdjustedFrom").containsEntry("contextTier1", false));
    }

    @Test
    void severityOverride_shiftsEveryFindingOfTheRuleBySameLevels() {
        List<Finding> findings = evaluate(EngineSettings.defaults()
                .withSeverities(Map.of("test-soft", Severity.LOW)));

        Finding hard = named(findings, "hard");
        assertThat(hard.severity()).isEqualTo(Severity.LOW);
        assertThat(hard.evidence()).containsEntry("severityAdjustedFrom", "HIGH").doesNotContainKey("tier1");
        Finding soft = named(findings, "soft");
        assertThat(soft.severity()).isEqualTo(Severity.INFO);
        assertThat(soft.evidence()).containsEntry("severityAdjustedFrom", "MEDIUM");
        Finding pass = named(findings, "ok");
        assertThat(pass.outcome()).isEqualTo(Outcome.PASS);
        assertThat(pass.severity()).isEqualTo(Severity.LOW);
        assertThat(pass.evidence()).doesNotContainKey("severityAdjustedFrom");
    }

    @Test
    void severityOverride_upwards_clampsAtCritical() {
        List<Finding> findings = evaluate(EngineSettings.defaults()
                .withSeverities(Map.of("test-soft", Severity.CRITICAL)));

        assertThat(named(findings, "hard").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(named(findings, "soft").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void severityOverride_downwards_clampsAtInfo() {
        List<Finding> findings = evaluate(EngineSettings.defaults()
                .withSeverities(Map.of("test-soft", Severity.INFO)));

        assertThat(named(findings, "hard").severity()).isEqualTo(Severity.INFO);
        assertThat(named(findings, "soft").severity()).isEqualTo(Severity.INFO);
        assertThat(named(findings, "soft").evidence()).containsEntry("severityAdjustedFrom", "MEDIUM");
    }

    @Test
    void severityOverride_equalToDefault_changesNothing() {
        List<Finding> findings = evaluate(EngineSettings.defaults()
                .withSeverities(Map.of("test-soft", Severity.HIGH)));

        assertThat(findings).isEqualTo(evaluate(EngineSettings.defaults()));
    }

    @Test
    void severityOverride_ofAnotherRule_doesNotApply() {
        List<Finding> findings = evaluate(EngineSettings.defaults()
                .withSeverities(Map.of("other-rule", Severity.INFO)));

        assertThat(findings).isEqualTo(evaluate(EngineSettings.defaults()));
    }

    @Test
    void tier1_escalatesFailuresOnTier1ResourcesOneLevel() {
        List<Finding> findings = evaluate(EngineSettings.defaults().withTier1(TIER1));

        Finding hard = named(findings, "hard-t1");
        assertThat(hard.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(hard.evidence()).containsEntry("tier1", true).containsEntry("severityAdjustedFrom", "HIGH")
                .containsEntry("contextTier1", true);
        Finding soft = named(findings, "soft-t1");
        assertThat(soft.severity()).isEqualTo(Severity.HIGH);
        assertThat(soft.evidence()).containsEntry("tier1", true).containsEntry("severityAdjustedFrom", "MEDIUM");
    }

    @Test
    void tier1_leavesOtherResourcesUntouched() {
        List<Finding> findings = evaluate(EngineSettings.defaults().withTier1(TIER1));
        List<Finding> plain = evaluate(EngineSettings.defaults());

        for (String name : List.of("hard", "soft", "other-tier")) {
            assertThat(named(findings, name)).as(name).isEqualTo(named(plain, name));
        }
    }

    @Test
    void tier1_leavesPassingFindingsUntouched() {
        Finding pass = named(evaluate(EngineSettings.defaults().withTier1(TIER1)), "ok-t1");

        assertThat(pass.outcome()).isEqualTo(Outcome.PASS);
        assertThat(pass.severity()).isEqualTo(Severity.HIGH);
        assertThat(pass.evidence()).doesNotContainKeys("tier1", "severityAdjustedFrom");
    }

    @Test
    void tier1_onCriticalAfterOverride_staysCritical() {
        List<Finding> findings = evaluate(new EngineSettings(Map.of(), Map.of("test-soft", Severity.CRITICAL),
                Optional.of(TIER1)));

        Finding hard = named(findings, "hard-t1");
        assertThat(hard.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(hard.evidence()).containsEntry("tier1", true).containsEntry("severityAdjustedFrom", "HIGH");
        Finding soft = named(findings, "soft-t1");
        assertThat(soft.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(soft.evidence()).containsEntry("severityAdjustedFrom", "MEDIUM");
    }

    @Test
    void overrideThenTier1_composes() {
        List<Finding> findings = evaluate(new EngineSettings(Map.of(), Map.of("test-soft", Severity.LOW),
                Optional.of(TIER1)));

        assertThat(named(findings, "hard-t1").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(named(findings, "soft-t1").severity()).isEqualTo(Severity.LOW);
        assertThat(named(findings, "soft-t1").evidence()).containsEntry("severityAdjustedFrom", "MEDIUM");
        assertThat(named(findings, "hard").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void tier1_doesNotEscalateFailuresTheCoverageGuardTurnedIntoErrors() {
        Inventory inv = InventoryFixture.create().dbInstance("hard-t1", db -> db.multiAz(false)
                .tag("criticality", "tier-1")).failed(AwsService.RDS).build();

        List<Finding> findings = new RuleEngine(List.of(new SoftProbe()), EngineSettings.defaults().withTier1(TIER1))
                .evaluate(inv);

        assertThat(findings).extracting(Finding::outcome).containsOnly(Outcome.ERROR);
        assertThat(findings).allSatisfy(f -> assertThat(f.evidence()).doesNotContainKey("tier1"));
    }

    @Test
    void effectiveMetadata_carriesTheOverride() {
        RuleEngine engine = new RuleEngine(List.of(new SoftProbe()), EngineSettings.defaults()
                .withSeverities(Map.of("test-soft", Severity.MEDIUM)));

        assertThat(engine.effectiveMetadata(new SoftProbe()).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(RuleEngine.withDefaults(List.of(new SoftProbe())).effectiveMetadata(new SoftProbe()))
                .isEqualTo(new SoftProbe().metadata());
    }

    @Test
    void shift_clampsBothWays() {
        assertThat(SeverityPolicy.shift(Severity.HIGH, -3)).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityPolicy.shift(Severity.HIGH, 9)).isEqualTo(Severity.INFO);
        assertThat(SeverityPolicy.shift(Severity.MEDIUM, 1)).isEqualTo(Severity.LOW);
    }

    @Test
    void tier1Selector_matchesKeyExactlyAndValuesIgnoringCase() {
        assertThat(TIER1.matches(Map.of("criticality", " TIER-1 "))).isTrue();
        assertThat(TIER1.matches(Map.of("Criticality", "tier-1"))).isFalse();
        assertThat(TIER1.matches(Map.of("criticality", "tier-2"))).isFalse();
        assertThat(TIER1.matches(Map.of())).isFalse();
        assertThat(Tier1Selector.anyValueOf("prod").matches(Map.of("prod", ""))).isTrue();
        assertThat(TIER1.describe()).isEqualTo("criticality=critical|tier-1");
        assertThat(Tier1Selector.anyValueOf("prod").describe()).isEqualTo("prod=*");
    }
}
