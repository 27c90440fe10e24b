package io.relyscan.core.rule;

import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleMetadataTest {
    private static final List<ControlRef> ALL = List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
            ControlRef.anchored(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.ISO27001, "A.8.14"),
            ControlRef.anchored(Framework.NIST_800_53, "CP-10"));

    private static RuleMetadata with(String id, List<ControlRef> controls, List<RuleParameter> params,
                                     Set<AwsService> inputs) {
        return new RuleMetadata(id, "R01", "t", Severity.HIGH, "DbInstance", "r", "f", controls, params, inputs);
    }

    @Test
    void rejectsNonKebabIds() {
        assertThatThrownBy(() -> with("RdsMultiAz", ALL, List.of(), Set.of(AwsService.RDS)))
                .hasMessageContaining("kebab-case");
    }

    @Test
    void rejectsMissingFramework() {
        assertThatThrownBy(() -> with("a-b", ALL.subList(0, 3), List.of(), Set.of(AwsService.RDS)))
                .hasMessageContaining("nist-800-53");
    }

    @Test
    void rejectsDuplicateParametersAndNoInputs() {
        RuleParameter p = RuleParameter.integer("days", 7, 1, "d");
        assertThatThrownBy(() -> with("a-b", ALL, List.of(p, p), Set.of(AwsService.RDS)))
                .hasMessageContaining("duplicate parameter");
        assertThatThrownBy(() -> with("a-b", ALL, List.of(), Set.of())).hasMessageContaining("services");
    }

    @Test
    void parameterDefaultsAreValidated() {
        assertThatThrownBy(() -> RuleParameter.integer("days", 0, 1, "d")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RuleParameter.integer("zones", 11, 2, 10, "d")).hasMessageContaining("at most 10");
        RuleParameter zones = RuleParameter.integer("zones", 2, 2, 10, "d");
        org.assertj.core.api.Assertions.assertThat(zones.problemWith("11")).isEqualTo("must be at most 10, got 11");
        org.assertj.core.api.Assertions.assertThat(zones.problemWith("10")).isNull();
        assertThatThrownBy(() -> new RuleParameter("Bad", ParameterType.BOOLEAN, "true", null, null, "d"))
                .hasMessageContaining("lowerCamelCase");
    }
}
