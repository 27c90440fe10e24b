package io.relyscan.core.framework;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControlIdsTest {
    private static List<String> sorted(String... ids) {
        List<String> list = new ArrayList<>(List.of(ids));
        Collections.shuffle(list, new java.util.Random(7));
        list.sort(ControlIds.NATURAL);
        return list;
    }

    @Test
    void natural_ordersNumbersNumerically() {
        assertThat(sorted("CP-10", "CP-9", "CP-6(2)", "CP-6", "CP-6(1)", "CP-2(2)", "CA-7"))
                .containsExactly("CA-7", "CP-2(2)", "CP-6", "CP-6(1)", "CP-6(2)", "CP-9", "CP-10");
        assertThat(sorted("A.8.13", "A.8.6", "A.5.30", "A.8.14", "A.5.16"))
                .containsExactly("A.5.16", "A.5.30", "A.8.6", "A.8.13", "A.8.14");
        assertThat(sorted("REL10-BP01", "REL02-BP03", "REL09-BP04", "REL09-BP10"))
                .containsExactly("REL02-BP03", "REL09-BP04", "REL09-BP10", "REL10-BP01");
        assertThat(sorted("CC7.2", "A1.2", "CC10.1", "CC3.1", "C1.1", "PI1.5"))
                .containsExactly("A1.2", "C1.1", "CC3.1", "CC7.2", "CC10.1", "PI1.5");
    }

    @Test
    void natural_distinguishesIdsThatDifferOnlyInLeadingZeros() {
        assertThat(ControlIds.NATURAL.compare("REL1", "REL01")).isNotZero();
        assertThat(ControlIds.NATURAL.compare("CP-9", "CP-9")).isZero();
    }
}
