package io.relyscan.core.engine;

import io.relyscan.core.baseline.BaselineComparison;
import io.relyscan.core.baseline.BaselineStatus;
import io.relyscan.core.framework.FrameworkView;
import io.relyscan.core.inventory.Coverage;
import io.relyscan.core.inventory.EndpointTelemetry;
import io.relyscan.core.inventory.Inventory;
import io.relyscan.core.inventory.ScanScope;
import io.relyscan.core.rule.Finding;
import io.relyscan.core.rule.Outcome;
import io.relyscan.core.rule.RuleMetadata;
import io.relyscan.core.waiver.WaiverSet;
import io.relyscan.core.waiver.WaiverStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The immutable result every reporter reads. It holds no wall-clock time of its own: the same inventory
 * gives the same report.
 *
 * @param capturedAt when the inventory was collected
 * @param rules      metadata of the rules evaluated, sorted by id
 * @param framework  the findings grouped by the controls of the framework the run was restricted to
 *                   ({@code --framework}), or null when none was chosen
 * @param catalog    the rule catalog version the findings were decided with (tool version and a digest of the
 *                   rules and settings in effect); reports merge only when it is the same
 * @param waivers    what each waiver of the waivers file did, in file order (empty when none was given); the
 *                   findings already hold their effect (SUPPRESSED, see {@link WaiverSet})
 * @param baseline   this scan's failures against an earlier report's ({@code --baseline}), or null
 */
public record ScanReport(String toolVersion, Instant capturedAt, List<ScanScope> scopes, List<RuleMetadata> rules,
                         List<Finding> findings, Coverage coverage, List<EndpointTelemetry> telemetry,
                         FrameworkView framework, CatalogVersion catalog, List<WaiverStatus> waivers,
                         BaselineComparison baseline) {
    public ScanReport {
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(catalog, "catalog");
        scopes = scopes.stream().sorted().toList();
        rules = rules.stream().sorted(Comparator.comparing(RuleMetadata::id)).toList();
        findings = findings.stream().sorted().toList();
        telemetry = telemetry.stream().sorted().toList();
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** A report without waivers or baseline. */
    public ScanReport(String toolVersion, Instant capturedAt, List<ScanScope> scopes, List<RuleMetadata> rules,
                      List<Finding> findings, Coverage coverage, List<EndpointTelemetry> telemetry,
                      FrameworkView framework, CatalogVersion catalog) {
        this(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, framework, catalog, List.of(),
                null);
    }

    /** A report evaluated with default settings (its catalog version is computed from {@code rules}). */
    public ScanReport(String toolVersion, Instant capturedAt, List<ScanScope> scopes, List<RuleMetadata> rules,
                      List<Finding> findings, Coverage coverage, List<EndpointTelemetry> telemetry,
                      FrameworkView framework) {
        this(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, framework,
                CatalogVersion.ofDefaults(toolVersion, rules));
    }

    /** A report with no framework view, evaluated with default settings. */
    public ScanReport(String toolVersion, Instant capturedAt, List<ScanScope> scopes, List<RuleMetadata> rules,
                      List<Finding> findings, Coverage coverage, List<EndpointTelemetry> telemetry) {
        this(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, null);
    }

    /** This report with the findings grouped by the controls of a framework (null to drop the view). */
    public ScanReport withFramework(FrameworkView view) {
        return new ScanReport(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, view, catalog,
                waivers, baseline);
    }

    /** This report with the catalog version it was evaluated with. */
    public ScanReport withCatalog(CatalogVersion version) {
        return new ScanReport(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, framework,
                version, waivers, baseline);
    }

    /** This report with waivers applied: see {@link WaiverSet#apply}, the one caller. */
    public ScanReport withWaivers(List<Finding> waivedFindings, List<WaiverStatus> statuses) {
        return new ScanReport(toolVersion, capturedAt, scopes, rules, waivedFindings, coverage, telemetry, framework,
                catalog, statuses, baseline);
    }

    /** This report compared with an earlier one (null to drop the comparison). */
    public ScanReport withBaseline(BaselineComparison comparison) {
        return new ScanReport(toolVersion, capturedAt, scopes, rules, findings, coverage, telemetry, framework,
                catalog, waivers, comparison);
    }

    public java.util.Optional<BaselineComparison> baselineComparison() {
        return java.util.Optional.ofNullable(baseline);
    }

    /** NEW or PERSISTING for a failing finding when a baseline was given; empty otherwise. */
    public java.util.Optional<BaselineStatus> baselineStatus(Finding finding) {
        return baseline == null ? java.util.Optional.empty() : baseline.status(finding);
    }

    /** The status of the waiver that suppressed this finding (or whose expiry let it fail), if any. */
    public java.util.Optional<WaiverStatus> waiverOf(Finding finding) {
        if (waivers.isEmpty()) {
            return java.util.Optional.empty();
        }
        // Reporters ask for every finding: only those a waiver touched (evidence says so) search the waivers.
        Object source = finding.evidence().get(WaiverSet.WAIVER_SOURCE);
        if (source != null) {
            return waivers.stream().filter(w -> w.waiver().source().equals(source)).findFirst();
        }
        if (finding.outcome() != Outcome.FAIL || !finding.evidence().containsKey(WaiverSet.EXPIRED_WAIVER)) {
            return java.util.Optional.empty();
        }
        return waivers.stream().filter(w -> w.expired() && w.waiver().covers(finding)).findFirst();
    }

    public java.util.Optional<FrameworkView> frameworkView() {
        return java.util.Optional.ofNullable(framework);
    }

    public static ScanReport of(String toolVersion, Inventory inventory, List<RuleMetadata> rules,
                                List<Finding> findings) {
        return new ScanReport(toolVersion, inventory.capturedAt(), inventory.scopes(), rules, findings,
                inventory.coverage(), inventory.telemetry());
    }

    public OutcomeSummary summary() {
        return OutcomeSummary.of(findings);
    }

    /**
     * False when anything was not seen: a collection gap, or a finding that could not be decided. Such a
     * report cannot be trusted to be whole.
     */
    public boolean complete() {
        return coverage.isWhole() && findings.stream().noneMatch(f -> f.outcome() == Outcome.ERROR);
    }

    public java.util.Optional<RuleMetadata> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
