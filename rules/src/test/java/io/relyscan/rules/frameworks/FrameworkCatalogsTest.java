package io.relyscan.rules.frameworks;

import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlDefinition;
import io.relyscan.core.framework.ControlIds;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import io.relyscan.core.rule.Rule;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FrameworkCatalogsTest {
    private static final List<Pattern> ID_SHAPES = List.of(
            Pattern.compile("REL\\d{2}-BP\\d{2}|REL-\\d{1,2}"),
            Pattern.compile("(A|C|CC|PI|P)\\d\\.\\d+"),
            Pattern.compile("A\\.[5-8]\\.\\d+"),
            Pattern.compile("[A-Z]{2}-\\d+(\\(\\d+\\))?(\\([a-z]\\))?"));

    @Test
    void everyFrameworkHasACatalogOfItsOwnControls() {
        assertThat(FrameworkCatalogs.all()).extracting(ControlCatalog::framework)
                .containsExactly(Framework.values());
        for (Framework f : Framework.values()) {
            ControlCatalog catalog = FrameworkCatalogs.of(f);
            assertThat(catalog.controls()).as(f.id()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.framework()).isEqualTo(f);
                assertThat(c.id()).matches(ID_SHAPES.get(f.ordinal()));
                assertThat(c.title()).doesNotEndWith(".").hasSizeLessThanOrEqualTo(80);
            });
        }
    }

    @Test
    void controlIdsAreUniqueAndInNaturalOrder() {
        for (ControlCatalog catalog : FrameworkCatalogs.all()) {
            List<String> ids = catalog.controls().stream().map(ControlDefinition::id).toList();
            assertThat(ids).as(catalog.framework().id()).doesNotHaveDuplicates().isSortedAccordingTo(ControlIds.NATURAL);
        }
    }

    /** New rules cannot map to a control the catalog does not know: add the control to the catalog first. */
    @Test
    void everyControlReferenceOfEveryBuiltInRuleIsInItsFrameworksCatalog() {
        List<String> unknown = new ArrayList<>();
        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata m = rule.metadata();
            for (ControlRef ref : m.controls()) {
                if (!FrameworkCatalogs.of(ref.framework()).contains(ref.controlId())) {
                    unknown.add(m.id() + " -> " + ref.framework().id() + " " + ref.controlId());
                }
            }
        }
        assertThat(unknown).as("control references missing from io.relyscan.rules.frameworks catalogs").isEmpty();
    }

    @Test
    void viewsOfTheBuiltInRulesCanBeBuiltForEveryFramework() {
        List<RuleMetadata> rules = BuiltInRules.all().stream().map(Rule::metadata).toList();
        for (ControlCatalog catalog : FrameworkCatalogs.all()) {
            FrameworkView view = FrameworkView.mapping(catalog, rules);
            assertThat(view.controls()).hasSameSizeAs(catalog.controls());
            assertThat(view.controls()).anySatisfy(c -> assertThat(c.manual()).isFalse());
        }
    }

    @Test
    void catalogsHoldTheControlsTheRulesCatalogMaps() {
        assertThat(ids(Framework.WA_RELIABILITY)).contains("REL06-BP01", "REL06-BP07", "REL07-BP04", "REL09-BP04",
                "REL10-BP03", "REL11-BP07", "REL13-BP05", "REL02-BP03");
        assertThat(ids(Framework.SOC2)).contains("A1.1", "A1.2", "A1.3", "CC2.1", "CC3.1", "CC3.4", "CC4.2",
                "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "C1.1", "C1.2", "PI1.5");
        assertThat(ids(Framework.ISO27001)).contains("A.5.16", "A.5.22", "A.5.29", "A.5.30", "A.8.6", "A.8.9",
                "A.8.13", "A.8.14", "A.8.16");
        assertThat(ids(Framework.NIST_800_53)).contains("CP-2(2)", "CP-6", "CP-6(1)", "CP-6(2)", "CP-9", "CP-10",
                "SC-5(2)", "SC-36", "SI-13(5)", "CM-3", "CM-6(1)", "CM-8", "CM-8(2)", "AU-6(1)", "AU-6(5)", "CA-7",
                "IR-4(1)", "IR-4(5)", "SI-2", "SI-4(5)", "SI-4(12)", "SI-20", "SI-12");
    }

    private static List<String> ids(Framework f) {
        return FrameworkCatalogs.of(f).controls().stream().map(ControlDefinition::id).toList();
    }
}
