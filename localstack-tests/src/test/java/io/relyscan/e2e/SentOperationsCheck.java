package io.relyscan.e2e;

import io.relyscan.collectors.IamActions;
import io.relyscan.collectors.SentOperation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The read-only guarantee as a check over what relyscan actually sent: every recorded operation must be (a) an
 * IAM action some collector (or the session) declares, and (b) a read: its name starts with Describe, List or
 * Get. sts:GetCallerIdentity needs no permission in AWS but is declared anyway, so it passes both. The one
 * exception to (b) is sts:AssumeRole, which {@code scan --accounts} sends to get each target account's
 * credentials: it reads nothing and changes nothing in any account, and the caller declares it separately
 * ({@link IamActions#CALLER_MULTI_ACCOUNT_ACTIONS}). No other operation is excepted.
 */
final class SentOperationsCheck {
    /** Operations sent and declared although they are not Describe/List/Get: exactly sts:AssumeRole. */
    static final Set<String> NOT_READS_ALLOWED = Set.copyOf(IamActions.CALLER_MULTI_ACCOUNT_ACTIONS);

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
            if (!s.readOnly() && !NOT_READS_ALLOWED.contains(s.iamAction())) {
                problems.add(s.iamAction() + " is not a Describe, List or Get operation");
            }
        }
        return problems;
    }
}
