package io.relyscan.report;

import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.Severity;

import java.util.Optional;

/**
 * How relyscan's outcomes, severities and baseline statuses map onto OCSF 1.1.0 Compliance Finding enums (the
 * table in docs/ocsf.md). The id and caption of each value are the schema's; the choices are explained there.
 */
final class OcsfMapping {
    /** An OCSF enum value: its id and the caption the schema gives it. */
    record Code(int id, String caption) {
    }

    static final Code ACTIVITY_CREATE = new Code(1, "Create");
    static final Code ACTIVITY_UPDATE = new Code(2, "Update");
    static final Code ACTIVITY_CLOSE = new Code(3, "Close");

    private OcsfMapping() {
    }

    /**
     * compliance.status_id: did the resource meet the control? A waived failure still does not (the waiver is
     * an accepted risk, shown in the finding's own status); an ERROR is the schema's Warning, "did not yield a
     * result due to missing information"; NOT_APPLICABLE has no value of its own in 1.1.0, so Other.
     */
    static Code complianceStatus(Outcome outcome) {
        return switch (outcome) {
            case PASS -> new Code(1, "Pass");
            case FAIL, SUPPRESSED -> new Code(3, "Fail");
            case ERROR -> new Code(2, "Warning");
            case NOT_APPLICABLE -> new Code(99, "Not Applicable");
        };
    }

    /**
     * The finding's workflow status_id: failures and undecided checks are New (to be reviewed), waived failures
     * Suppressed, and checks with nothing to act on Resolved, as Security Hub resolves passed control findings.
     */
    static Code findingStatus(Outcome outcome) {
        return switch (outcome) {
            case FAIL, ERROR -> new Code(1, "New");
            case SUPPRESSED -> new Code(3, "Suppressed");
            case PASS, NOT_APPLICABLE -> new Code(4, "Resolved");
        };
    }

    /**
     * severity_id: the finding's severity where there is something to act on (FAIL, SUPPRESSED, ERROR);
     * Informational for PASS and NOT_APPLICABLE, as Security Hub rates passed controls (the rule's severity
     * stays in unmapped.severity).
     */
    static Code severity(Outcome outcome, Severity severity) {
        if (outcome == Outcome.PASS || outcome == Outcome.NOT_APPLICABLE) {
            return new Code(1, "Informational");
        }
        return switch (severity) {
            case CRITICAL -> new Code(5, "Critical");
            case HIGH -> new Code(4, "High");
            case MEDIUM -> new Code(3, "Medium");
            case LOW -> new Code(2, "Low");
            case INFO -> new Code(1, "Informational");
        };
    }

    /**
     * confidence_id: High when the outcome was decided from collected configuration, Unknown for an ERROR (the
     * check could not be made).
     */
    static Code confidence(Outcome outcome) {
        return outcome == Outcome.ERROR ? new Code(0, "Unknown") : new Code(3, "High");
    }

    /**
     * activity_id against a baseline: a failure already failing in the baseline is an Update of that finding, a
     * baseline failure that now passes (or is not applicable) a Close, anything else a Create.
     */
    static Code activity(Optional<BaselineStatus> baseline) {
        return baseline.map(s -> switch (s) {
            case NEW -> ACTIVITY_CREATE;
            case PERSISTING -> ACTIVITY_UPDATE;
            case RESOLVED -> ACTIVITY_CLOSE;
        }).orElse(ACTIVITY_CREATE);
    }
}
