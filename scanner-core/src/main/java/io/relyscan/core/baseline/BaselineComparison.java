package io.relyscan.core.baseline;

import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.inventory.AwsService;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.rule.Severity;
import io.relyscan.core.waiver.WaiverSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * This scan's failures against an earlier report's, by stable finding id (rule id and resource ARN).
 * A finding "fails" when it is FAIL, or SUPPRESSED over a FAIL ({@link WaiverSet#isFailure}). Each failure now
 * is NEW or PERSISTING; each baseline failure that no longer fails is RESOLVED, but only when this scan could
 * see it: a baseline failure whose resource is absent now counts as resolved only if its scope was scanned,
 * its rule evaluated and the rule's services collected whole there; otherwise it is "not rechecked", never
 * silently resolved. A baseline failure that is ERROR now is not rechecked either.
 *
 * @param source             where the baseline was read from (a file name, for reports)
 * @param baselineCapturedAt the baseline's inventory capture time
 * @param baselineCatalog    the baseline's rule catalog digest (differs when rules or settings changed)
 * @param statusById         NEW or PERSISTING for each failing finding id of this scan
 * @param resolved           baseline failures that no longer fail, in finding order
 * @param notRechecked       baseline failures this scan could not decide again, in finding order
 */
public record BaselineComparison(String source, Instant baselineCapturedAt, String baselineCatalog,
                                 Map<String, BaselineStatus> statusById, List<ResolvedFinding> resolved,
                                 List<Finding> notRechecked) {
    public BaselineComparison {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baselineCapturedAt, "baselineCapturedAt");
        statusById = Map.copyOf(statusById);
        resolved = List.copyOf(resolved);
        notRechecked = List.copyOf(notRechecked);
    }

    public static BaselineComparison of(String source, ScanReport baseline, ScanReport current) {
        Map<String, Finding> previousFailures = new HashMap<>();
        for (Finding f : baseline.findings()) {
            if (WaiverSet.isFailure(f)) {
                previousFailures.put(f.id(), f);
            }
        }
        Map<String, Finding> currentById = new HashMap<>();
        Map<String, BaselineStatus> status = new HashMap<>();
        for (Finding f : current.findings()) {
            currentById.put(f.id(), f);
            if (WaiverSet.isFailure(f)) {
                status.put(f.id(), previousFailures.containsKey(f.id()) ? BaselineStatus.PERSISTING
                        : BaselineStatus.NEW);
            }
        }
        Set<String> scanned = new HashSet<>();
        current.scopes().forEach(s -> scanned.add(scopeKey(s.account(), s.region())));
        Map<String, RuleMetadata> rules = new HashMap<>();
        current.rules().forEach(r -> rules.put(r.id(), r));
        List<ResolvedFinding> resolved = new ArrayList<>();
        List<Finding> notRechecked = new ArrayList<>();
        for (Finding before : baseline.findings()) {
            if (!previousFailures.containsKey(before.id()) || status.containsKey(before.id())) {
                continue;
            }
            Finding now = currentById.get(before.id());
            if (now != null && (now.outcome() == Outcome.PASS || now.outcome() == Outcome.NOT_APPLICABLE)) {
                resolved.add(new ResolvedFinding(before, now.outcome()));
            } else if (now == null && seenWhole(before, scanned, rules.get(before.ruleId()), current)) {
                resolved.add(new ResolvedFinding(before, null));
            } else {
                notRechecked.add(before);
            }
        }
        return new BaselineComparison(source, baseline.capturedAt(), baseline.catalog().digest(), status, resolved,
                notRechecked);
    }

    private static boolean seenWhole(Finding before, Set<String> scanned, RuleMetadata rule, ScanReport current) {
        if (rule == null || before.account() == null || before.region() == null) {
            return false;
        }
        if (!scanned.contains(scopeKey(before.account(), before.region()))) {
            return false;
        }
        for (AwsService service : rule.inputs()) {
            if (!current.coverage().entry(before.account(), before.region(), service).status().isComplete()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scopes compared as text, not through ScanScope.of: a baseline read from a file may hold any account string,
     * and one that is no account id is simply not a scope this scan covered (rather than an error).
     */
    private static String scopeKey(String account, String region) {
        return account + '\n' + region;
    }

    public Optional<BaselineStatus> status(Finding finding) {
        return Optional.ofNullable(statusById.get(finding.id()));
    }

    public long count(BaselineStatus wanted) {
        return wanted == BaselineStatus.RESOLVED ? resolved.size()
                : statusById.values().stream().filter(s -> s == wanted).count();
    }

    /** FAIL findings (not waived ones) of this scan that are NEW, at or above the threshold. */
    public long newFailuresAtLeast(List<Finding> findings, Severity threshold) {
        return findings.stream().filter(f -> f.outcome() == Outcome.FAIL && f.severity().atLeast(threshold))
                .filter(f -> statusById.get(f.id()) == BaselineStatus.NEW).count();
    }
}
