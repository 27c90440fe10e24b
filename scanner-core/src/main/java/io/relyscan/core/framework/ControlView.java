package io.relyscan.core.framework;

import io.relyscan.core.rule.Outcome;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One control in a framework view.
 *
 * @param rules    the rules mapped to the control, sorted by rule id; empty for a manual control
 * @param findings the number of findings of those rules per outcome; always has every outcome as a key
 * @param status   decided from {@code findings}, see {@link ControlStatus}
 */
public record ControlView(ControlDefinition control, List<RuleMapping> rules, Map<Outcome, Long> findings,
                          ControlStatus status) {
    public ControlView {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(status, "status");
        rules = rules.stream().sorted().toList();
        EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, findings.getOrDefault(o, 0L));
        }
        findings = Collections.unmodifiableMap(counts);
    }

    public String id() {
        return control.id();
    }

    public String title() {
        return control.title();
    }

    public boolean manual() {
        return rules.isEmpty();
    }

    public long count(Outcome outcome) {
        return findings.get(outcome);
    }

    /** The status the counts give: see {@link ControlStatus} for the precedence. */
    public static ControlStatus statusOf(boolean mapped, Map<Outcome, Long> findings) {
        if (!mapped) {
            return ControlStatus.MANUAL;
        }
        if (findings.getOrDefault(Outcome.FAIL, 0L) > 0) {
            return ControlStatus.FAIL;
        }
        if (findings.getOrDefault(Outcome.ERROR, 0L) > 0) {
            return ControlStatus.ERROR;
        }
        if (findings.getOrDefault(Outcome.PASS, 0L) > 0) {
            return ControlStatus.PASS;
        }
        return ControlStatus.NOT_APPLICABLE;
    }
}
