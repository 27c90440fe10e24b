package io.relyscan.report.snapshot;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.baseline.ResolvedFinding;
import io.relyscan.core.engine.CatalogVersion;
import io.relyscan.core.engine.ScanReport;
import io.relyscan.core.error.InputException;
import io.relyscan.core.framework.ControlCatalog;
import io.relyscan.core.framework.ControlView;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.CoverageEntry;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.waiver.Waiver;
import io.relyscan.core.waiver.WaiverStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines the JSON scan reports of the shards of a distributed run into one report, refusing inputs that
 * would make the result wrong:
 * <ul>
 *     <li>a different rule catalog version ({@link CatalogVersion}: relyscan version, or the digest of the rules,
 *     severities, parameters and tier-1 tag in effect) or different rule metadata;</li>
 *     <li>the same account and region in two inputs (overlapping shards);</li>
 *     <li>the same finding, coverage entry or telemetry endpoint in two inputs;</li>
 *     <li>framework views of different frameworks (or a view in some inputs only).</li>
 * </ul>
 * The merged report holds the union of the scopes, findings, coverage and telemetry; its capture time is the
 * earliest input's. Waiver statuses of the same waiver are summed ({@link #waivers}); the baseline comparisons
 * are combined when all inputs were compared with the same baseline, and dropped otherwise ({@link #baseline}).
 * When the inputs are grouped by a framework, the merged view is computed again from the
 * merged findings (with the control catalog the inputs carry), so its counts and statuses are those of the whole
 * run. The result does not depend on the order of the inputs.
 */
public final class ReportMerge {
    /** One input: its name for messages (usually the file) and its report. */
    public record Input(String name, ScanReport report) {
        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(report, "report");
        }
    }

    private ReportMerge() {
    }

    /**
     * Merges the inputs.
     *
     * @throws InputException naming the inputs and what differs or what they share
     */
    public static ScanReport merge(List<Input> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            throw new InputException("merge: at least one scan report is required");
        }
        Input first = inputs.get(0);
        for (Input input : inputs.subList(1, inputs.size())) {
            sameCatalog(first, input);
            sameFramework(first, input);
        }
        Map<ScanScope, Integer> scopeOwner = new HashMap<>();
        Map<String, Integer> findingOwner = new HashMap<>();
        Map<String, Integer> coverageOwner = new HashMap<>();
        Map<String, Integer> telemetryOwner = new HashMap<>();
        List<ScanScope> scopes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<CoverageEntry> coverage = new ArrayList<>();
        List<EndpointTelemetry> telemetry = new ArrayList<>();
        for (int index = 0; index < inputs.size(); index++) {
            ScanReport report = inputs.get(index).report();
            for (ScanScope scope : report.scopes()) {
                claim(scopeOwner, scope, inputs, index, "overlapping shards: scope " + scope + " (account "
                        + scope.account() + ", region " + scope.region() + ") is in both ");
                scopes.add(scope);
            }
            for (Finding finding : report.findings()) {
                claim(findingOwner, finding.id(), inputs, index, "overlapping shards: finding " + finding.id()
                        + " (rule " + finding.ruleId() + ", resource " + finding.resourceArn() + ") is in both ");
                findings.add(finding);
            }
            for (CoverageEntry entry : report.coverage().entries()) {
                String key = entry.account() + "/" + entry.region() + "/" + entry.service().id();
                claim(coverageOwner, key, inputs, index, "overlapping shards: coverage of " + key + " is in both ");
                coverage.add(entry);
            }
            for (EndpointTelemetry t : report.telemetry()) {
                String key = t.account() + "/" + t.region() + "/" + t.service().id();
                claim(telemetryOwner, key, inputs, index, "overlapping shards: telemetry of " + key
                        + " is in both ");
                telemetry.add(t);
            }
        }
        Instant capturedAt = inputs.stream().map(i -> i.report().capturedAt())
                .min(Comparator.naturalOrder()).orElseThrow();
        ScanReport base = first.report();
        ScanReport merged = new ScanReport(base.toolVersion(), capturedAt, scopes, base.rules(), findings,
                Coverage.of(coverage), telemetry, null, base.catalog(), waivers(inputs), baseline(inputs));
        return base.framework() == null ? merged : merged.withFramework(FrameworkView.of(
                ControlCatalog.of(base.framework().framework(), base.framework().controls().stream()
                        .map(ControlView::control).toList()), merged.rules(), merged.findings()));
    }

    /**
     * The waiver statuses of all inputs: the same waiver (equal in every field, as when every shard was given the
     * same file) becomes one status with the counts summed, expired when it had expired in any input (the shards'
     * capture times may straddle its expiry day); other waivers are kept as they are. Sorted by source (file,
     * then line number), so the file order survives and the inputs' order does not matter.
     */
    static List<WaiverStatus> waivers(List<Input> inputs) {
        Map<Waiver, WaiverStatus> byWaiver = new LinkedHashMap<>();
        for (Input input : inputs) {
            for (WaiverStatus s : input.report().waivers()) {
                byWaiver.merge(s.waiver(), s, (a, b) -> new WaiverStatus(a.waiver(), a.expired() || b.expired(),
                        a.suppressed() + b.suppressed(), a.matchedWhileExpired() + b.matchedWhileExpired()));
            }
        }
        return byWaiver.values().stream().sorted(Comparator.comparing((WaiverStatus s) -> s.waiver().source(),
                ReportMerge::compareSources).thenComparing(s -> s.waiver().toString())).toList();
    }

    /** "file:line" sources in file order, then line order (numerically: line 10 after line 2). */
    private static int compareSources(String a, String b) {
        int ca = a.lastIndexOf(':');
        int cb = b.lastIndexOf(':');
        if (ca > 0 && cb > 0 && a.substring(ca + 1).matches("\\d{1,9}")
                && b.substring(cb + 1).matches("\\d{1,9}")) {
            int byFile = a.substring(0, ca).compareTo(b.substring(0, cb));
            return byFile != 0 ? byFile : Integer.compare(Integer.parseInt(a.substring(ca + 1)),
                    Integer.parseInt(b.substring(cb + 1)));
        }
        return a.compareTo(b);
    }

    /**
     * The inputs' comparisons with a baseline, when every input was compared with the same one (same source and
     * capture time); otherwise none (null): a merged comparison would mix baselines. Each shard compared the
     * whole baseline with its own scopes, so a baseline failure outside a shard's scopes is "not rechecked" there
     * while the shard that scanned it decides it: it is resolved or persisting when any input says so, and not
     * rechecked only when no input could decide it.
     */
    static BaselineComparison baseline(List<Input> inputs) {
        BaselineComparison first = inputs.get(0).report().baseline();
        if (first == null) {
            return null;
        }
        Map<String, BaselineStatus> status = new HashMap<>();
        Map<String, ResolvedFinding> resolved = new HashMap<>();
        Map<String, Finding> notRechecked = new HashMap<>();
        for (Input input : inputs) {
            BaselineComparison b = input.report().baseline();
            if (b == null || !b.source().equals(first.source())
                    || !b.baselineCapturedAt().equals(first.baselineCapturedAt())
                    || !Objects.equals(b.baselineCatalog(), first.baselineCatalog())) {
                return null;
            }
            status.putAll(b.statusById());
            b.resolved().forEach(r -> resolved.putIfAbsent(r.previous().id(), r));
            b.notRechecked().forEach(f -> notRechecked.putIfAbsent(f.id(), f));
        }
        notRechecked.keySet().removeAll(resolved.keySet());
        notRechecked.keySet().removeAll(status.keySet());
        return new BaselineComparison(first.source(), first.baselineCapturedAt(), first.baselineCatalog(), status,
                resolved.values().stream().sorted(Comparator.comparing(ResolvedFinding::previous)).toList(),
                notRechecked.values().stream().sorted().toList());
    }

    private static void sameCatalog(Input first, Input other) {
        CatalogVersion a = first.report().catalog();
        CatalogVersion b = other.report().catalog();
        String pair = first.name() + " and " + other.name();
        if (!a.toolVersion().equals(b.toolVersion())) {
            throw new InputException("merge: different rule catalog versions: " + first.name() + " was evaluated by "
                    + "relyscan " + a.toolVersion() + ", " + other.name() + " by relyscan " + b.toolVersion()
                    + "; scan every shard with the same relyscan release");
        }
        if (!a.digest().equals(b.digest())) {
            throw new InputException("merge: different rule catalog versions: " + pair + " were evaluated with "
                    + "different rules, severities, parameters or tier-1 tag (catalog digest " + a.digest()
                    .substring(0, 12) + "… vs " + b.digest().substring(0, 12) + "…); scan every shard with the "
                    + "same relyscan.yaml and --framework");
        }
        if (!first.report().rules().equals(other.report().rules())) {
            throw new InputException("merge: " + pair + " describe their rules differently although their catalog "
                    + "versions match; was one of them edited?");
        }
    }

    private static void sameFramework(Input first, Input other) {
        FrameworkView a = first.report().framework();
        FrameworkView b = other.report().framework();
        String fa = a == null ? "none" : a.framework().id();
        String fb = b == null ? "none" : b.framework().id();
        if (!fa.equals(fb)) {
            throw new InputException("merge: " + first.name() + " is grouped by framework " + fa + " but "
                    + other.name() + " by " + fb + "; scan every shard with the same --framework");
        }
        if (a != null && !a.controls().stream().map(ControlView::control).toList()
                .equals(b.controls().stream().map(ControlView::control).toList())) {
            throw new InputException("merge: " + first.name() + " and " + other.name() + " list different "
                    + fa + " controls; scan every shard with the same relyscan release");
        }
    }

    /** Records that input {@code index} holds {@code key}; another input holding it too is refused. */
    private static <K> void claim(Map<K, Integer> owners, K key, List<Input> inputs, int index, String problem) {
        Integer previous = owners.putIfAbsent(key, index);
        if (previous != null && previous != index) {
            String first = inputs.get(previous).name();
            String second = inputs.get(index).name();
            String where = first.equals(second) ? first + " (given twice)" : first + " and " + second;
            throw new InputException("merge: " + problem + where);
        }
    }
}
