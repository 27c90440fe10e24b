package io.relyscan.rules;

import io.relyscan.core.rule.ControlRef;
import io.relyscan.core.rule.Framework;

import java.util.ArrayList;
import java.util.List;

/**
 * Control references written as in the rules catalog: comma-separated ids per framework, a trailing
 * {@code *} marking a mapping relyscan proposes (no anchor supplies it). Parenthesised anchor notes of the
 * catalog, such as "(pack: REL-10)", are written here as plain anchored ids.
 */
final class Controls {
    private Controls() {
    }

    static List<ControlRef> of(String wellArchitected, String soc2, String iso27001, String nist80053) {
        List<ControlRef> refs = new ArrayList<>();
        add(refs, Framework.WA_RELIABILITY, wellArchitected);
        add(refs, Framework.SOC2, soc2);
        add(refs, Framework.ISO27001, iso27001);
        add(refs, Framework.NIST_800_53, nist80053);
        return List.copyOf(refs);
    }

    private static void add(List<ControlRef> refs, Framework framework, String spec) {
        for (String raw : spec.split(",", -1)) {
            String id = raw.trim();
            if (id.isEmpty()) {
                throw new IllegalArgumentException("empty control id in '" + spec + "'");
            }
            refs.add(id.endsWith("*")
                    ? ControlRef.proposed(framework, id.substring(0, id.length() - 1).trim())
                    : ControlRef.anchored(framework, id));
        }
    }
}
