package io.relyscan.core.rule;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compact evidence map behaves as the unmodifiable sorted TreeMap copy it replaces. */
class CompactSortedMapTest {
    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1);
        m.put("alpha", null);
        m.put("Beta", List.of("x", "y"));
        m.put("gamma", "text");
        return m;
    }

    @Test
    void iteratesEqualsHashesAndPrintsAsTheSortedTreeMapCopy() {
        Map<String, Object> tree = Collections.unmodifiableSortedMap(new TreeMap<>(sample()));
        for (Map<String, Object> source : List.of(sample(), new HashMap<>(sample()), new TreeMap<>(sample()))) {
            Map<String, Object> compact = CompactSortedMap.copyOf(source);
            assertThat(new ArrayList<>(compact.keySet())).containsExactlyElementsOf(tree.keySet());
            assertThat(new ArrayList<>(compact.values())).containsExactlyElementsOf(tree.values());
            assertThat(compact).isEqualTo(tree);
            assertThat(tree).isEqualTo(compact);
            assertThat(compact.hashCode()).isEqualTo(tree.hashCode());
            assertThat(compact.toString()).isEqualTo(tree.toString());
            assertThat(compact.get("gamma")).isEqualTo("text");
            assertThat(compact.containsKey("alpha")).isTrue();
            assertThat(compact.get("missing")).isNull();
        }
    }

    @Test
    void isImmutableAndRejectsNullKeys() {
        Map<String, Object> compact = CompactSortedMap.copyOf(sample());
        assertThatThrownBy(() -> compact.put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.remove("zeta")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(compact::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.entrySet().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.get(null)).isInstanceOf(NullPointerException.class);
        Map<String, Object> withNullKey = new HashMap<>();
        withNullKey.put(null, 1);
        assertThatThrownBy(() -> CompactSortedMap.copyOf(withNullKey)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void builtEvidenceIsSortedWithTheLastValueOfARepeatedKeyAndSharedAmongFindings() {
        RuleMetadata meta = new RuleMetadata("test-rule", "R01", "Test rule", Severity.HIGH, "DbInstance", "why",
                "fix", List.of(ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                        ControlRef.proposed(Framework.SOC2, "A1.2"),
                        ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                        ControlRef.anchored(Framework.NIST_800_53, "CP-10")),
                List.of(RuleParameter.integer("minimum", 2, 1, "a threshold")),
                java.util.Set.of(io.relyscan.core.inventory.AwsService.RDS));
        RuleContext context = new RuleContext(meta, io.relyscan.core.inventory.Inventory.of(java.time.Instant.EPOCH,
                List.of(), List.of(), io.relyscan.core.inventory.Coverage.of(List.of()), List.of()), Map.of());
        io.relyscan.core.inventory.ScanScope scope = new io.relyscan.core.inventory.ScanScope("111122223333", "r1");
        Finding a = context.on(scope).evidence("b", new ArrayList<>(List.of("x"))).evidence("a", 1)
                .evidence("b", List.of("y")).pass("same message " + 1);
        Finding b = context.on(scope, "Group", "g").evidence("a", 1).evidence("b", List.of("y"))
                .pass("same message " + 1);
        assertThat(a.evidence()).containsExactly(Map.entry("a", 1), Map.entry("b", List.of("y")));
        assertThat(a.evidence()).isEqualTo(b.evidence());
        assertThat(a.message()).isSameAs(b.message());
        assertThat(a.evidence().get("b")).isSameAs(b.evidence().get("b"));
        assertThat(a.parameters()).isSameAs(b.parameters());
    }
}
