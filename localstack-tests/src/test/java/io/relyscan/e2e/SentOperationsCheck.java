package io.relyscan.e2e;

import io.relyscan.collectors.SentOperation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The read-only guarantee as a check over what relyscan actually sent: every recorded operation must be (a) an
 * IAM action some collector (or the session) declares, and (b) a read: its name starts with Describe, List or
 * Get. sts:GetCallerIdentity needs no permission in AWS but is declared anyway, so it passes both.
 */
final class SentOperationsCheck {
    private SentOperationsCheck() {
    }

    /** One line per offending operation; empty when all are declared and read-only. */
    static List<String> violations(Collection<SentOperation> sent, Set<String> declared) {
        List<String> problems = new ArrayList<>();
        for (SentOperation s : sent) {
            if (!declared.contains(s.iamAction())) {
                problems.add(s.iamAction() + " (" + s.service() + " " + s.operation() + ") is not a declared IAM "
                        + "action");
            }
            if (!s.readOnly()) {
                problems.add(s.iamAction() + " is not a Describe, List or Get operation");
            }
        }
        return problems;
    }
}
