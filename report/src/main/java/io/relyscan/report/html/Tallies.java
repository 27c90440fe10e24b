package io.relyscan.report.html;

import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts the page shows (outcomes per rule, severity, service, account and region) and the parameters in
 * effect per rule, taken in one pass over the findings: a scan of a million resources has millions of findings,
 * and the page is written as a stream from these aggregates and the findings themselves, without copies of them.
 */
final class Tallies {
    final Tally byRule = new Tally();
    final Tally bySeverity = new Tally();
    final Tally byService = new Tally();
    final Tally byAccount = new Tally();
    final Tally byRegion = new Tally();
    /** The parameters in effect per rule id, as its first finding has them. */
    final Map<String, Map<String, String>> parametersByRule = new HashMap<>();

    private Tallies() {
    }

    static Tallies of(List<Finding> findings) {
        Tallies t = new Tallies();
        for (Finding f : findings) {
            Outcome o = f.outcome();
            t.byRule.add(f.ruleId(), o);
            t.bySeverity.add(f.severity().name(), o);
            t.byService.add(Arns.service(f.resourceArn()), o);
            t.byAccount.add(f.account(), o);
            t.byRegion.add(f.region(), o);
            t.parametersByRule.putIfAbsent(f.ruleId(), f.parameters());
        }
        return t;
    }

    /** All findings of {@code outcome}. */
    long count(Outcome outcome) {
        return bySeverity.total(outcome);
    }
}
