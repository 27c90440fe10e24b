package io.relyscan.core.framework;

import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.MappingSource;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkViewTest {
    private static final ControlCatalog NIST = ControlCatalog.of(Framework.NIST_800_53, List.of(
            ControlDefinition.of(Framework.NIST_800_53, "CP-10", "Recovery and reconstitution"),
            ControlDefinition.of(Framework.NIST_800_53, "CP-9", "System backup"),
            ControlDefinition.of(Framework.NIST_800_53, "CP-6(2)", "Alternate storage site recovery"),
            ControlDefinition.of(Framework.NIST_800_53, "CP-2", "Contingency plan"),
            ControlDefinition.of(Framework.NIST_800_53, "SI-4", "System monitoring"),
            ControlDefinition.of(Framework.NIST_800_53, "CM-3", "Configuration change control")));

    private static RuleMetadata rule(String id, String... nist) {
        List<ControlRef> refs = new ArrayList<>(List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                ControlRef.anchored(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.ISO27001, "A.8.14")));
        for (String n : nist) {
            refs.add(n.endsWith("*") ? ControlRef.proposed(Framework.NIST_800_53, n.substring(0, n.length() - 1))
                    : ControlRef.anchored(Framework.NIST_800_53, n));
        }
        return new RuleMetadata(id, "R01", "t", Severity.HIGH, "DbInstance", "why", "fix", refs, List.of(),
                Set.of(AwsService.RDS));
    }

    private static Finding finding(String ruleId, String arn, Outcome outcome) {
        return new Finding(null, ruleId, arn, "DbInstance", arn, "111122223333", "us-east-1", outcome,
                Severity.HIGH, "m", Map.of(), Map.of());
    }

    @Test
    void of_groupsRulesAndFindingsByControlAndDecidesStatus() {
        List<RuleMetadata> rules = List.of(rule("b-rule", "CP-10", "CP-9*"), rule("a-rule", "CP-10", "CP-6(2)"),
                rule("c-rule", "SI-4"), rule("d-rule", "CM-3"));
        List<Finding> findings = List.of(
                finding("a-rule", "arn:1", Outcome.PASS), finding("a-rule", "arn:2", Outcome.FAIL),
                finding("b-rule", "arn:1", Outcome.PASS), finding("b-rule", "arn:2", Outcome.ERROR),
                finding("c-rule", "arn:1", Outcome.NOT_APPLICABLE), finding("c-rule", "arn:2", Outcome.SUPPRESSED));

        FrameworkView view = FrameworkView.of(NIST, rules, findings);

        assertThat(view.framework()).isEqualTo(Framework.NIST_800_53);
        assertThat(view.controls()).extracting(ControlView::id)
                .containsExactly("CM-3", "CP-2", "CP-6(2)", "CP-9", "CP-10", "SI-4");
        ControlView cp10 = view.control("CP-10").orElseThrow();
        assertThat(cp10.rules()).containsExactly(new RuleMapping("a-rule", MappingSource.ANCHOR),
                new RuleMapping("b-rule", MappingSource.ANCHOR));
        assertThat(cp10.findings()).containsEntry(Outcome.PASS, 2L).containsEntry(Outcome.FAIL, 1L)
                .containsEntry(Outcome.ERROR, 1L).containsEntry(Outcome.NOT_APPLICABLE, 0L)
                .containsEntry(Outcome.SUPPRESSED, 0L);
        assertThat(cp10.status()).isEqualTo(ControlStatus.FAIL);
        ControlView cp9 = view.control("CP-9").orElseThrow();
        assertThat(cp9.rules()).extracting(RuleMapping::label).containsExactly("b-rule*");
        assertThat(cp9.status()).as("error without failure").isEqualTo(ControlStatus.ERROR);
        assertThat(view.control("CP-6(2)").orElseThrow().status()).isEqualTo(ControlStatus.FAIL);
        assertThat(view.control("SI-4").orElseThrow().status()).as("only N/A and waived")
                .isEqualTo(ControlStatus.NOT_APPLICABLE);
        assertThat(view.control("CM-3").orElseThrow().status()).as("mapped, no findings")
                .isEqualTo(ControlStatus.NOT_APPLICABLE);
        ControlView cp2 = view.control("CP-2").orElseThrow();
        assertThat(cp2.manual()).isTrue();
        assertThat(cp2.status()).isEqualTo(ControlStatus.MANUAL);
        assertThat(cp2.findings().values()).containsOnly(0L);
        assertThat(view.byStatus()).containsEntry(ControlStatus.FAIL, 2L).containsEntry(ControlStatus.ERROR, 1L)
                .containsEntry(ControlStatus.PASS, 0L).containsEntry(ControlStatus.NOT_APPLICABLE, 2L)
                .containsEntry(ControlStatus.MANUAL, 1L);
    }

    @Test
    void of_whenOnlyPasses_isPass() {
        FrameworkView view = FrameworkView.of(NIST, List.of(rule("a-rule", "CP-9")),
                List.of(finding("a-rule", "arn:1", Outcome.PASS), finding("a-rule", "arn:2", Outcome.NOT_APPLICABLE),
                        finding("other-rule", "arn:3", Outcome.FAIL)));

        assertThat(view.control("CP-9").orElseThrow().status()).isEqualTo(ControlStatus.PASS);
        assertThat(view.control("CP-9").orElseThrow().count(Outcome.FAIL)).as("findings of unmapped rules")
                .isZero();
    }

    @Test
    void of_whenRuleMapsToUnknownControl_namesRuleAndControl() {
        assertThatThrownBy(() -> FrameworkView.mapping(NIST, List.of(rule("a-rule", "ZZ-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a-rule")
                .hasMessageContaining("ZZ-1");
    }

    @Test
    void catalog_rejectsDuplicateIdsAndForeignControls() {
        assertThatThrownBy(() -> ControlCatalog.of(Framework.SOC2, List.of(
                ControlDefinition.of(Framework.SOC2, "A1.2", "x"), ControlDefinition.of(Framework.SOC2, "A1.2", "y"))))
                .hasMessageContaining("duplicate control id A1.2");
        assertThatThrownBy(() -> ControlCatalog.of(Framework.SOC2, List.of(
                ControlDefinition.of(Framework.ISO27001, "A.8.13", "x"))))
                .hasMessageContaining("belongs to iso27001");
        assertThatThrownBy(() -> ControlDefinition.of(Framework.SOC2, "A1.2*", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlDefinition.of(Framework.SOC2, "A1.2", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusOf_followsThePrecedence() {
        assertThat(ControlView.statusOf(false, Map.of(Outcome.FAIL, 3L))).isEqualTo(ControlStatus.MANUAL);
        assertThat(ControlView.statusOf(true, Map.of(Outcome.FAIL, 1L, Outcome.ERROR, 4L, Outcome.PASS, 9L)))
                .isEqualTo(ControlStatus.FAIL);
        assertThat(ControlView.statusOf(true, Map.of(Outcome.ERROR, 1L, Outcome.PASS, 9L)))
                .isEqualTo(ControlStatus.ERROR);
        assertThat(ControlView.statusOf(true, Map.of(Outcome.PASS, 1L, Outcome.SUPPRESSED, 2L)))
                .isEqualTo(ControlStatus.PASS);
        assertThat(ControlView.statusOf(true, Map.of(Outcome.SUPPRESSED, 2L)))
                .isEqualTo(ControlStatus.NOT_APPLICABLE);
        assertThat(ControlView.statusOf(true, Map.of())).isEqualTo(ControlStatus.NOT_APPLICABLE);
    }

    @Test
    void scanReport_carriesAnOptionalView() {
        io.relyscan.core.inventory.Inventory inv = io.relyscan.core.fixture.InventoryFixture.create().build();
        List<RuleMetadata> rules = List.of(rule("a-rule", "CP-9"));
        io.relyscan.core.engine.ScanReport plain = io.relyscan.core.engine.ScanReport.of("1", inv, rules, List.of());
        assertThat(plain.framework()).isNull();
        assertThat(plain.frameworkView()).isEmpty();

        FrameworkView view = FrameworkView.mapping(NIST, rules);
        io.relyscan.core.engine.ScanReport withView = plain.withFramework(view);

        assertThat(withView.frameworkView()).contains(view);
        assertThat(withView.withFramework(null)).isEqualTo(plain);
        assertThat(withView.rules()).isEqualTo(plain.rules());
    }

    @Test
    void framework_byId_acceptsIdsCaseInsensitively() {
        assertThat(Framework.byId("NIST-800-53")).contains(Framework.NIST_800_53);
        assertThat(Framework.byId("pci")).isEmpty();
        assertThat(Framework.ids()).isEqualTo("wa-reliability, soc2, iso27001, nist-800-53");
    }
}
