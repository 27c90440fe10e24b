package io.relyscan.rules;

import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlsTest {
    @Test
    void of_whenStarSuffix_marksProposedAndElseAnchored() {
        assertThat(Controls.of("REL10-BP01, REL11-BP02*", "A1.2*", "A.8.14", "CP-6(2), SI-13(5)")).containsExactly(
                ControlRef.anchored(Framework.WA_RELIABILITY, "REL10-BP01"),
                ControlRef.proposed(Framework.WA_RELIABILITY, "REL11-BP02"),
                ControlRef.proposed(Framework.SOC2, "A1.2"),
                ControlRef.anchored(Framework.ISO27001, "A.8.14"),
                ControlRef.anchored(Framework.NIST_800_53, "CP-6(2)"),
                ControlRef.anchored(Framework.NIST_800_53, "SI-13(5)"));
    }

    @Test
    void of_whenEmptyEntry_rejects() {
        assertThatThrownBy(() -> Controls.of("REL10-BP01,", "A1.2", "A.8.14", "CP-9"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
