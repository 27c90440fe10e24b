package io.relyscan.core.rule;

import io.relyscan.core.fixture.InventoryFixture;
import io.relyscan.core.inventory.AwsService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleParameterTest {
    private static final RuleParameter METRICS = RuleParameter.stringList("metrics",
            List.of("CPUUtilization", "FreeStorageSpace"), "metrics to alarm on");

    @Test
    void stringList_defaultIsItsItemsJoinedByCommas() {
        assertThat(METRICS.type()).isEqualTo(ParameterType.STRING_LIST);
        assertThat(METRICS.defaultValue()).isEqualTo("CPUUtilization,FreeStorageSpace");
        assertThat(RuleParameter.items(METRICS.defaultValue())).containsExactly("CPUUtilization", "FreeStorageSpace");
    }

    @Test
    void stringList_emptyStringIsTheEmptyList() {
        assertThat(METRICS.problemWith("")).isNull();
        assertThat(RuleParameter.items("")).isEmpty();
        assertThat(RuleParameter.stringList("none", List.of(), "d").defaultValue()).isEmpty();
    }

    @Test
    void stringList_rejectsBlankItems() {
        assertThat(METRICS.problemWith("a,,b")).contains("non-empty");
        assertThat(METRICS.problemWith("a, ")).contains("non-empty");
        assertThat(METRICS.problemWith(" a , b ")).isNull();
        assertThatThrownBy(() -> RuleParameter.stringList("bad", List.of("a", " "), "d"))
                .hasMessageContaining("default of parameter bad");
    }

    @Test
    void ruleContext_readsTheItemsOfAnOverride() {
        RuleMetadata rule = new RuleMetadata("a-b", "R01", "t", Severity.LOW, "DbInstance", "r", "f",
                List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.anchored(Framework.SOC2, "A1.2"), ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")), List.of(METRICS), Set.of(AwsService.RDS));
        RuleContext context = new RuleContext(rule, InventoryFixture.create().build(),
                Map.of("metrics", "CPUUtilization, ReadLatency"));

        assertThat(context.stringListParameter("metrics")).containsExactly("CPUUtilization", "ReadLatency");
        assertThat(context.hasTier1Selector()).isFalse();
        assertThat(new RuleContext(rule, InventoryFixture.create().build(), Map.of(),
                Tier1Selector.anyValueOf("tier")).hasTier1Selector()).isTrue();
    }
}
