package io.relyscan.report.html;

import io.relyscan.core.rule.Outcome;

/** Short display names shared by the charts, tables and badges. */
final class Labels {
    private Labels() {
    }

    static String outcome(Outcome o) {
        return o == Outcome.NOT_APPLICABLE ? "N/A" : o.name();
    }
}
