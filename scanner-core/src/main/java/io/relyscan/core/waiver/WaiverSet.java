package io.relyscan.core.waiver;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The waivers of one file, applied to a report. Only FAIL findings are suppressed: a waiver accepts a known
 * failure, it never hides a PASS (positive evidence) or an ERROR (a check that could not be made). The first
 * unexpired waiver in file order that covers a failing finding suppresses it; expiry is judged at the
 * inventory's capture time, so the same inventory and waivers always give the same report.
 */
public record WaiverSet(List<Waiver> waivers) {
    /** Evidence keys a suppressed finding carries, so that every format shows why it was waived. */
    public static final String WAIVED_OUTCOME = "waivedOutcome";
    public static final String WAIVER_ID = "waiverId";
    public static final String WAIVER_REASON = "waiverReason";
    public static final String WAIVER_OWNER = "waiverOwner";
    public static final String WAIVER_EXPIRES = "waiverExpires";
    public static final String WAIVER_SOURCE = "waiverSource";
    /** Evidence key on a FAIL finding whose only covering waivers have expired. */
    public static final String EXPIRED_WAIVER = "expiredWaiver";

    public WaiverSet {
        waivers = List.copyOf(waivers);
    }

    public static WaiverSet none() {
        return new WaiverSet(List.of());
    }

    /**
     * The report with covered failing findings suppressed and a status per waiver.
     *
     * @throws IllegalStateException when the report already has a framework view (it counts outcomes, so
     *                               waivers must come first) or already had waivers applied
     */
    public ScanReport apply(ScanReport report) {
        Objects.requireNonNull(report, "report");
        if (report.framework() != null) {
            throw new IllegalStateException("apply waivers before the framework view: it counts outcomes");
        }
        if (!report.waivers().isEmpty() || waivedFindings(report) > 0) {
            throw new IllegalStateException("waivers were already applied to this report");
        }
        if (waivers.isEmpty()) {
            return report;
        }
        Instant asOf = report.capturedAt();
        long[] suppressed = new long[waivers.size()];
        long[] matchedWhileExpired = new long[waivers.size()];
        // Waivers by rule, in file order: a finding is compared only with its own rule's waivers, so a scan of
        // millions of findings with hundreds of waivers stays linear in the findings.
        Map<String, List<Integer>> byRule = new HashMap<>();
        for (int i = 0; i < waivers.size(); i++) {
            byRule.computeIfAbsent(waivers.get(i).ruleId(), r -> new ArrayList<>()).add(i);
        }
        List<Finding> findings = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) {
            List<Integer> candidates = f.outcome() == Outcome.FAIL ? byRule.get(f.ruleId()) : null;
            findings.add(candidates == null ? f : decide(f, candidates, asOf, suppressed, matchedWhileExpired));
        }
        List<WaiverStatus> statuses = new ArrayList<>(waivers.size());
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            statuses.add(new WaiverStatus(w, w.expiredAt(asOf), suppressed[i], matchedWhileExpired[i]));
        }
        return report.withWaivers(findings, statuses);
    }

    private Finding decide(Finding f, List<Integer> candidates, Instant asOf, long[] suppressed,
                           long[] matchedWhileExpired) {
        int firstExpired = -1;
        for (int i : candidates) {
            Waiver w = waivers.get(i);
            if (!w.covers(f)) {
                continue;
            }
            if (!w.expiredAt(asOf)) {
                suppressed[i]++;
                return f.withOutcome(Outcome.SUPPRESSED, f.message(), evidenceOf(w));
            }
            if (firstExpired < 0) {
                firstExpired = i;
            }
        }
        if (firstExpired < 0) {
            return f;
        }
        matchedWhileExpired[firstExpired]++;
        Waiver w = waivers.get(firstExpired);
        String name = w.label().map(id -> id + " (" + w.source() + ")").orElse("the waiver at " + w.source());
        return f.withOutcome(Outcome.FAIL, f.message(), Map.of(EXPIRED_WAIVER, name + ", owner " + w.owner()
                + ", expired on " + w.expires()));
    }

    private static Map<String, Object> evidenceOf(Waiver w) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put(WAIVED_OUTCOME, Outcome.FAIL.name());
        w.label().ifPresent(id -> ev.put(WAIVER_ID, id));
        ev.put(WAIVER_REASON, w.reason());
        ev.put(WAIVER_OWNER, w.owner());
        if (w.expires() != null) {
            ev.put(WAIVER_EXPIRES, w.expires().toString());
        }
        ev.put(WAIVER_SOURCE, w.source());
        return ev;
    }

    /**
     * Findings that carry a waiver's effect (suppressed, or failing past an expired waiver). A report read back
     * from JSON may hold such findings without its waiver statuses; applying waivers again would judge waived
     * findings twice.
     */
    public static long waivedFindings(ScanReport report) {
        return report.findings().stream().filter(f -> f.evidence().containsKey(WAIVED_OUTCOME)
                || f.evidence().containsKey(EXPIRED_WAIVER)).count();
    }

    /** True for FAIL, and for SUPPRESSED findings that were failures before a waiver covered them. */
    public static boolean isFailure(Finding f) {
        return f.outcome() == Outcome.FAIL
                || (f.outcome() == Outcome.SUPPRESSED && Outcome.FAIL.name().equals(f.evidence().get(WAIVED_OUTCOME)));
    }
}
